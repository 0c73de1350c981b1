package dev.xanthus.clients.cloudflare;

/** The user owning the token. */
public record User(String id, String email, String username) {}
