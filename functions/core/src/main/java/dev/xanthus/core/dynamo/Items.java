package dev.xanthus.core.dynamo;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Helpers for items in the single table. Items that expire carry {@code ttl} (epoch seconds): DynamoDB deletes
 * them lazily (hours late) and dynalite never does, so every read checks expiry itself.
 */
public final class Items {

    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String TTL = "ttl";

    private Items() {}

    public static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, s(pk), SK, s(sk));
    }

    public static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    public static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    public static AttributeValue ttl(Instant expiresAt) {
        return n(expiresAt.getEpochSecond());
    }

    /** The item, if present and not past its {@code ttl}. */
    public static Optional<Map<String, AttributeValue>> live(Map<String, AttributeValue> item, Clock clock) {
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        AttributeValue ttl = item.get(TTL);
        if (ttl != null
                && ttl.n() != null
                && Long.parseLong(ttl.n()) <= clock.instant().getEpochSecond()) {
            return Optional.empty();
        }
        return Optional.of(item);
    }

    public static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    public static long num(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? 0L : Long.parseLong(v.n());
    }
}
