package dev.xanthus.clients.cloudflare;

import java.time.Instant;

/** What {@code tokens/verify} says about the token in use; the dates are null when the token has none. */
public record TokenVerification(String id, String status, Instant notBefore, Instant expiresOn) {

    public boolean isActive() {
        return "active".equals(status);
    }
}
