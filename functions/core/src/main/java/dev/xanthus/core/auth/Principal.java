package dev.xanthus.core.auth;

import dev.xanthus.core.kv.KvStore;
import java.time.Instant;

/**
 * The signed-in user as handlers see it: who, which KV namespace (from the session, never a per-request listing),
 * the decrypted Cloudflare token for provider calls, and a KV store already bound to all three.
 */
public record Principal(
        String accountId,
        String email,
        String name,
        String namespaceId,
        String sessionId,
        String cloudflareToken,
        Instant tokenValidatedAt,
        Instant sessionExpiresAt,
        KvStore kv) {

    @Override
    public String toString() {
        return "Principal[account=" + accountId + ", namespace=" + namespaceId + "]";
    }
}
