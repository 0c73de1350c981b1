package dev.xanthus.clients.cloudflare;

/** A Workers KV namespace. */
public record KvNamespace(String id, String title) {}
