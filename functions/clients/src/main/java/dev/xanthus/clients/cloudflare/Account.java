package dev.xanthus.clients.cloudflare;

/** A Cloudflare account, as listed or as referenced by a membership or a zone. */
public record Account(String id, String name) {}
