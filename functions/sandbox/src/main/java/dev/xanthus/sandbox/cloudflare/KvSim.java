package dev.xanthus.sandbox.cloudflare;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xanthus.sandbox.http.SimJson;
import dev.xanthus.sandbox.http.SimRequest;
import dev.xanthus.sandbox.http.SimResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Workers KV as the simulator answers it: values with metadata and expiry, key listings, bulk read/write/delete.
 * Every fact it follows is listed with its source in {@code functions/sandbox/contracts/cloudflare/README.md}.
 * Handlers run under the simulator's lock; expired entries are invisible to every read and listing (Cloudflare
 * removes them lazily too, but never shows them).
 */
final class KvSim {

    /** Most keys one {@code bulk/get} reads; most entries one bulk write or delete takes. */
    static final int BULK_GET_MAX = 100;

    static final int BULK_WRITE_MAX = 10_000;
    /** Shortest {@code expiration_ttl}, and shortest distance of an absolute {@code expiration} from now. */
    static final long MIN_TTL_SECONDS = 60;

    private static final int KEY_NOT_FOUND = 10009;
    /** The simulator's own code for a refused KV body or parameter (Cloudflare's number is not documented). */
    private static final int INVALID_REQUEST = 10026;

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern PART_NAME = Pattern.compile("name=\"([^\"]*)\"");

    /** A stored value; {@code metadata} is JSON or null, {@code expiration} an epoch second or null. */
    record Entry(byte[] value, JsonNode metadata, Long expiration) {}

    record Namespace(String id, String title, TreeMap<String, Entry> entries) {}

    private final Clock clock;
    private final int pageSize;

    KvSim(Clock clock, int pageSize) {
        this.clock = clock;
        this.pageSize = pageSize;
    }

    /** The live entry under {@code key}, if any. */
    Optional<Entry> live(Namespace namespace, String key) {
        return Optional.ofNullable(namespace.entries().get(key)).filter(this::live);
    }

    SimResponse getValue(Namespace namespace, SimRequest request) {
        return live(namespace, request.pathParam("key_name"))
                .map(entry -> {
                    SimResponse answer = SimResponse.raw(200, "application/octet-stream", entry.value());
                    // Values.get: "If the key-value pair expires, the `expiration` response header contains its
                    // expiration".
                    return entry.expiration() == null
                            ? answer
                            : answer.withHeader("expiration", entry.expiration().toString());
                })
                .orElseGet(() -> CloudflareSimulator.error(404, KEY_NOT_FOUND, "get: 'key not found'"));
    }

    /**
     * {@code GET …/metadata/{key}}: the key's metadata as the envelope's {@code result} (SDK {@code metadata.ts}: "Arbitrary
     * JSON that is associated with a key"), null when it has none; a missing key as for a value read.
     */
    SimResponse getMetadata(Namespace namespace, SimRequest request) {
        return live(namespace, request.pathParam("key_name"))
                .map(entry -> CloudflareSimulator.ok(entry.metadata()))
                .orElseGet(() -> CloudflareSimulator.error(404, KEY_NOT_FOUND, "get: 'key not found'"));
    }

    /** A raw body is the value; a multipart body carries a {@code value} part and an optional JSON {@code metadata}. */
    SimResponse putValue(Namespace namespace, SimRequest request) {
        Long expiration;
        try {
            expiration = expiration(
                    request.query("expiration").orElse(null),
                    request.query("expiration_ttl").orElse(null));
        } catch (Refused e) {
            return e.answer;
        }
        byte[] value = request.body();
        JsonNode metadata = null;
        String contentType = request.header("Content-Type").orElse("");
        if (contentType.toLowerCase().startsWith("multipart/form-data")) {
            Map<String, byte[]> parts;
            try {
                parts = multipart(contentType, request.body());
            } catch (IllegalArgumentException e) {
                return refused(e.getMessage());
            }
            if (!parts.containsKey("value")) {
                return refused("multipart body without a 'value' part");
            }
            value = parts.get("value");
            if (parts.containsKey("metadata")) {
                try {
                    metadata = SimJson.MAPPER.readTree(parts.get("metadata"));
                } catch (IOException e) {
                    return refused("metadata is not valid JSON");
                }
            }
        }
        namespace.entries().put(request.pathParam("key_name"), new Entry(value, metadata, expiration));
        return CloudflareSimulator.ok(null);
    }

    SimResponse deleteValue(Namespace namespace, SimRequest request) {
        namespace.entries().remove(request.pathParam("key_name"));
        return CloudflareSimulator.ok(null);
    }

    /** Cursor listing; each key carries {@code expiration} and {@code metadata} when it has them, as Cloudflare's. */
    SimResponse listKeys(Namespace namespace, SimRequest request) {
        int limit = Math.min(Math.max(request.intQuery("limit", 1000), 10), Math.min(1000, pageSize));
        String prefix = request.query("prefix").orElse("");
        String after = request.query("cursor")
                .map(c -> new String(Base64.getUrlDecoder().decode(c), StandardCharsets.UTF_8))
                .orElse(null);
        var candidates = after == null
                ? namespace.entries().navigableKeySet()
                : namespace.entries().navigableKeySet().tailSet(after, false);
        List<Map<String, Object>> page = new ArrayList<>();
        String last = null;
        boolean more = false;
        for (String key : candidates) {
            Entry entry = namespace.entries().get(key);
            if (!key.startsWith(prefix) || !live(entry)) {
                continue;
            }
            if (page.size() == limit) {
                more = true;
                break;
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", key);
            if (entry.expiration() != null) {
                item.put("expiration", entry.expiration());
            }
            if (entry.metadata() != null) {
                item.put("metadata", entry.metadata());
            }
            page.add(item);
            last = key;
        }
        String cursor = more
                ? Base64.getUrlEncoder().withoutPadding().encodeToString(last.getBytes(StandardCharsets.UTF_8))
                : "";
        return SimResponse.json(
                200,
                CloudflareSimulator.envelope(
                        true, List.of(), null, page, Map.of("count", page.size(), "cursor", cursor)));
    }

    /**
     * {@code POST …/bulk/get}: 1–100 keys, {@code type} text (default) or json, {@code withMetadata}. A missing key maps
     * to null; under {@code type: json} one value that is not JSON fails the whole call with 400, as Cloudflare's.
     */
    SimResponse bulkGet(Namespace namespace, SimRequest request) {
        JsonNode body = request.json();
        JsonNode keys = body.path("keys");
        String type = body.path("type").asText("text");
        boolean withMetadata = body.path("withMetadata").asBoolean(false);
        if (!keys.isArray()) {
            return refused("keys must be an array of key names");
        }
        if (keys.isEmpty()) {
            return refused("You must request a minimum of 1 key");
        }
        if (keys.size() > BULK_GET_MAX) {
            return refused("You can request a maximum of " + BULK_GET_MAX + " keys");
        }
        if (!type.equals("text") && !type.equals("json")) {
            return refused("\"" + type + "\" is not a valid type. Use \"json\" or \"text\"");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (JsonNode keyNode : keys) {
            if (!keyNode.isTextual()) {
                return refused("keys must be an array of key names");
            }
            Optional<Entry> entry = live(namespace, keyNode.asText());
            if (entry.isEmpty()) {
                values.put(keyNode.asText(), null);
                continue;
            }
            String text = new String(entry.get().value(), StandardCharsets.UTF_8);
            Object value = text;
            if (type.equals("json")) {
                try {
                    value = SimJson.MAPPER.readTree(text);
                } catch (IOException e) {
                    value = null;
                }
                if (value == null || ((JsonNode) value).isMissingNode()) {
                    return refused("At least one of the requested keys corresponds to a non-json value");
                }
            }
            if (withMetadata) {
                Map<String, Object> withMeta = new LinkedHashMap<>();
                withMeta.put("value", value);
                withMeta.put("metadata", entry.get().metadata());
                if (entry.get().expiration() != null) {
                    withMeta.put("expiration", entry.get().expiration());
                }
                value = withMeta;
            }
            values.put(keyNode.asText(), value);
        }
        return CloudflareSimulator.ok(Map.of("values", values));
    }

    /** {@code PUT …/bulk}: up to 10,000 {@code {key, value, expiration?, expiration_ttl?, metadata?, base64?}}. */
    SimResponse bulkPut(Namespace namespace, SimRequest request) {
        JsonNode body = request.json();
        if (!body.isArray() || body.size() > BULK_WRITE_MAX) {
            return refused("the body must be an array of at most " + BULK_WRITE_MAX + " key-value pairs");
        }
        Map<String, Entry> writes = new LinkedHashMap<>();
        for (JsonNode pair : body) {
            String key = pair.path("key").asText("");
            if (key.isEmpty()
                    || key.getBytes(StandardCharsets.UTF_8).length > 512
                    || !pair.path("value").isTextual()) {
                return refused("every pair needs a key (at most 512 bytes) and a string value");
            }
            byte[] value;
            if (pair.path("base64").asBoolean(false)) {
                try {
                    value = Base64.getDecoder().decode(pair.get("value").asText());
                } catch (IllegalArgumentException e) {
                    return refused("the value of " + key + " is not valid base64");
                }
            } else {
                value = pair.get("value").asText().getBytes(StandardCharsets.UTF_8);
            }
            Long expiration;
            try {
                expiration = expiration(
                        pair.hasNonNull("expiration") ? pair.get("expiration").asText() : null,
                        pair.hasNonNull("expiration_ttl")
                                ? pair.get("expiration_ttl").asText()
                                : null);
            } catch (Refused e) {
                return e.answer;
            }
            JsonNode metadata = pair.hasNonNull("metadata") ? pair.get("metadata") : null;
            writes.put(key, new Entry(value, metadata, expiration));
        }
        // All checked before any is written: a refused body changes nothing.
        namespace.entries().putAll(writes);
        return CloudflareSimulator.ok(bulkResult(writes.size()));
    }

    /** {@code POST …/bulk/delete}: an array of up to 10,000 key names; missing keys count as deleted. */
    SimResponse bulkDelete(Namespace namespace, SimRequest request) {
        JsonNode body = request.json();
        if (!body.isArray() || body.size() > BULK_WRITE_MAX) {
            return refused("the body must be an array of at most " + BULK_WRITE_MAX + " key names");
        }
        List<String> keys = new ArrayList<>();
        for (JsonNode key : body) {
            if (!key.isTextual()) {
                return refused("the body must be an array of key names");
            }
            keys.add(key.asText());
        }
        keys.forEach(namespace.entries()::remove);
        return CloudflareSimulator.ok(bulkResult(keys.size()));
    }

    private static Map<String, Object> bulkResult(int count) {
        return Map.of("successful_key_count", count, "unsuccessful_keys", List.of());
    }

    private boolean live(Entry entry) {
        return entry.expiration() == null
                || entry.expiration() > clock.instant().getEpochSecond();
    }

    /** The absolute expiry from {@code expiration} / {@code expiration_ttl} (the TTL wins), checked as Cloudflare's. */
    private Long expiration(String absolute, String ttl) throws Refused {
        long now = clock.instant().getEpochSecond();
        if (ttl != null) {
            long seconds = number(ttl, "expiration_ttl");
            if (seconds < MIN_TTL_SECONDS) {
                throw new Refused(refused("Invalid expiration_ttl of " + seconds + ". Expiration TTL must be at least "
                        + MIN_TTL_SECONDS + "."));
            }
            return now + seconds;
        }
        if (absolute != null) {
            long at = number(absolute, "expiration");
            if (at < now + MIN_TTL_SECONDS) {
                throw new Refused(refused("Invalid expiration of " + at + ". Expiration times must be at least "
                        + MIN_TTL_SECONDS + " seconds in the future."));
            }
            return at;
        }
        return null;
    }

    private static long number(String value, String name) throws Refused {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new Refused(refused("Invalid " + name + " of " + value + ". Please specify an integer."));
        }
    }

    /** The named parts of a multipart/form-data body, byte for byte. */
    static Map<String, byte[]> multipart(String contentType, byte[] body) {
        Matcher boundary = BOUNDARY.matcher(contentType);
        if (!boundary.find()) {
            throw new IllegalArgumentException("multipart Content-Type without a boundary");
        }
        // ISO-8859-1 maps every byte to one char, so indexes found in the string are byte offsets.
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary.group(1);
        Map<String, byte[]> parts = new LinkedHashMap<>();
        int at = text.indexOf(delimiter);
        while (at >= 0) {
            int start = at + delimiter.length();
            if (text.startsWith("--", start)) {
                return parts;
            }
            int headersEnd = text.indexOf("\r\n\r\n", start);
            int next = text.indexOf("\r\n" + delimiter, start);
            if (headersEnd < 0 || next < 0 || headersEnd > next) {
                throw new IllegalArgumentException("malformed multipart body");
            }
            Matcher name = PART_NAME.matcher(text.substring(start, headersEnd));
            if (name.find()) {
                parts.put(name.group(1), text.substring(headersEnd + 4, next).getBytes(StandardCharsets.ISO_8859_1));
            }
            at = next + 2;
        }
        throw new IllegalArgumentException("malformed multipart body");
    }

    private static SimResponse refused(String message) {
        return CloudflareSimulator.error(400, INVALID_REQUEST, message);
    }

    /** A parameter Cloudflare would refuse, carrying the answer. */
    private static final class Refused extends Exception {
        private final transient SimResponse answer;

        Refused(SimResponse answer) {
            super(null, null, false, false);
            this.answer = answer;
        }
    }
}
