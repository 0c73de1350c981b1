package dev.xanthus.core.session;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * The server side of a sign-in, keyed by the JWT's {@code sid}. {@code secrets} hold plaintext in memory only;
 * the repository seals each one before it reaches DynamoDB.
 */
public record Session(
        String id,
        String accountId,
        String email,
        String name,
        String namespaceId,
        Map<String, String> secrets,
        Instant createdAt,
        Instant tokenValidatedAt,
        Instant expiresAt) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public Session {
        secrets = Map.copyOf(secrets);
    }

    /** A fresh opaque id: 256 random bits, URL-safe. */
    public static String newId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public Session withTokenValidatedAt(Instant at) {
        return new Session(id, accountId, email, name, namespaceId, secrets, createdAt, at, expiresAt);
    }

    @Override
    public String toString() {
        return "Session[id=" + id.substring(0, 6) + "…, account=" + accountId + ", secrets=" + secrets.keySet() + "]";
    }
}
