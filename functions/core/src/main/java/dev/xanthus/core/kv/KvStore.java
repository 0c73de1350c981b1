package dev.xanthus.core.kv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.xanthus.clients.cloudflare.CloudflareClient;
import dev.xanthus.clients.cloudflare.CloudflareException;
import dev.xanthus.clients.cloudflare.KvKey;
import dev.xanthus.core.error.AppException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The user's {@code Xanthus} KV namespace: the one place user data is read and written. Values are JSON in the Go
 * program's field names (records carry {@code @JsonProperty}); listings follow the cursor to the end; many keys are
 * read and deleted with Cloudflare's bulk endpoints, so a list costs a round trip per 100 records, not one per record.
 */
public final class KvStore {

    public static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);

    private final CloudflareClient cloudflare;
    private final String accountId;
    private final String namespaceId;
    private final Runnable onNamespaceGone;

    /** {@code cloudflare} must already be bound to the user's token. */
    public KvStore(CloudflareClient cloudflare, String accountId, String namespaceId) {
        this(cloudflare, accountId, namespaceId, () -> {});
    }

    /** {@code onNamespaceGone} runs once the namespace is found deleted, before the 401 (e.g. to end the session). */
    public KvStore(CloudflareClient cloudflare, String accountId, String namespaceId, Runnable onNamespaceGone) {
        this.cloudflare = cloudflare;
        this.accountId = accountId;
        this.namespaceId = namespaceId;
        this.onNamespaceGone = onNamespaceGone;
    }

    public Optional<String> getRaw(String key) {
        return inNamespace(() -> cloudflare.getKvString(accountId, namespaceId, key));
    }

    public <T> Optional<T> get(String key, Class<T> type) {
        return getRaw(key).map(raw -> decode(key, raw, type));
    }

    public void putRaw(String key, String value) {
        inNamespace(() -> {
            cloudflare.putKvString(accountId, namespaceId, key, value);
            return null;
        });
    }

    public void put(String key, Object value) {
        try {
            putRaw(key, JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    public void delete(String key) {
        inNamespace(() -> {
            cloudflare.deleteKvValue(accountId, namespaceId, key);
            return null;
        });
    }

    /** Every key with this prefix, all pages. */
    public List<String> keys(String prefix) {
        return inNamespace(() -> cloudflare.listKvKeys(accountId, namespaceId, prefix)).stream()
                .map(KvKey::name)
                .toList();
    }

    /** The values of the keys under {@code prefix} that {@code keep} accepts: one listing, then bulk reads. */
    public <T> Map<String, T> getAllUnder(String prefix, Predicate<String> keep, Class<T> type) {
        return getAll(keys(prefix).stream().filter(keep).toList(), type);
    }

    /**
     * Reads the given keys with Cloudflare's {@code bulk/get} (100 keys a call, larger lists split into calls sent side
     * by side) and decodes them; keys that vanished meanwhile or do not decode as {@code type} are left out, in the
     * order given.
     */
    public <T> Map<String, T> getAll(List<String> keys, Class<T> type) {
        return decodeAll(getAllRaw(keys), type);
    }

    /**
     * The raw values of {@code keys} present, in the order given. Read as text and decoded here rather than with
     * {@code type: json}: Cloudflare fails a whole JSON bulk read when one value is not JSON, and one foreign or damaged
     * value must not hide the other records of a list.
     */
    public Map<String, String> getAllRaw(List<String> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        Map<String, String> found = inNamespace(() -> cloudflare.getKvStrings(accountId, namespaceId, keys));
        Map<String, String> ordered = new LinkedHashMap<>();
        keys.forEach(key -> {
            String value = found.get(key);
            if (value != null) {
                ordered.put(key, value);
            }
        });
        return ordered;
    }

    /** Decodes each raw value as {@code type}, leaving out those that do not decode; the order is kept. */
    public static <T> Map<String, T> decodeAll(Map<String, String> raw, Class<T> type) {
        Map<String, T> values = new LinkedHashMap<>();
        raw.forEach((key, value) -> tryDecode(value, type).ifPresent(decoded -> values.put(key, decoded)));
        return values;
    }

    /** Deletes the keys with one bulk call (Cloudflare takes 10,000 a call); missing keys are fine. */
    public void deleteAll(List<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        inNamespace(() -> {
            cloudflare.deleteKvValues(accountId, namespaceId, keys);
            return null;
        });
    }

    /**
     * A missing key is not an error (the client answers empty), so a 404 here means the namespace itself is gone —
     * deleted in the Cloudflare dashboard, or a local stack restarted with a fresh simulator. Signing in again finds
     * or creates the namespace; retrying never helps, so this is a 401 rather than an upstream failure.
     */
    private <T> T inNamespace(Supplier<T> call) {
        try {
            return call.get();
        } catch (CloudflareException e) {
            if (e.kind() == CloudflareException.Kind.NOT_FOUND) {
                onNamespaceGone.run();
                throw AppException.unauthorized(
                        "KV_NAMESPACE_GONE",
                        "This account's Xanthus KV namespace no longer "
                                + "exists (was it deleted in Cloudflare?). Sign in again to create a new one.");
            }
            throw e;
        }
    }

    private static <T> T decode(String key, String raw, Class<T> type) {
        return tryDecode(raw, type).orElseThrow(() -> new KvFormatException(key, type));
    }

    private static <T> Optional<T> tryDecode(String raw, Class<T> type) {
        try {
            return Optional.ofNullable(JSON.readValue(raw, type));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** A KV value that is not the JSON shape expected for its key. */
    public static final class KvFormatException extends RuntimeException {
        public KvFormatException(String key, Class<?> type) {
            super("KV value of " + key + " is not a " + type.getSimpleName(), null, false, false);
        }
    }
}
