package dev.xanthus.clients.cloudflare;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A key of a KV namespace as a listing returns it: {@code expiration} is an epoch second, or null when the key never
 * expires; {@code metadata} is the key's JSON metadata, or null.
 */
public record KvKey(String name, Long expiration, JsonNode metadata) {}
