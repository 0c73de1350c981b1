package dev.xanthus.clients.cloudflare;

/** A zone (a domain on Cloudflare). */
public record Zone(String id, String name, String status, Account account) {}
