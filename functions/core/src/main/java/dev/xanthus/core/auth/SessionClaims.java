package dev.xanthus.core.auth;

import java.time.Instant;

/** What a verified Xanthus JWT says: who the user is and which server-side session backs it. */
public record SessionClaims(
        String accountId,
        String email,
        String name,
        String namespaceId,
        String sessionId,
        Instant issuedAt,
        Instant expiresAt) {}
