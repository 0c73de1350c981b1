package dev.xanthus.clients.cloudflare;

/** A key of a KV namespace; {@code expiration} is an epoch second, or null when the key never expires. */
public record KvKey(String name, Long expiration) {
}
