package dev.xanthus.clients.cloudflare;

/**
 * One pair of a bulk KV write. {@code expirationTtl} (seconds, at least 60) and {@code metadata} (any JSON-encodable
 * value) may be null.
 */
public record KvWrite(String key, String value, Long expirationTtl, Object metadata) {

    public static KvWrite of(String key, String value) {
        return new KvWrite(key, value, null, null);
    }
}
