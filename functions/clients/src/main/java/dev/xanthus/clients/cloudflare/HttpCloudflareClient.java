package dev.xanthus.clients.cloudflare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.xanthus.clients.http.ApiRequest;
import dev.xanthus.clients.http.ApiResponse;
import dev.xanthus.clients.http.CallPool;
import dev.xanthus.clients.http.Json;
import dev.xanthus.clients.http.JsonHttp;
import dev.xanthus.clients.http.PathTemplate;
import dev.xanthus.clients.http.RetryAdvice;
import dev.xanthus.clients.http.TransportException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** {@link CloudflareClient} over HTTP: Bearer auth, Cloudflare's envelope, page and cursor walking. */
public final class HttpCloudflareClient implements CloudflareClient {

    public static final URI DEFAULT_BASE_URI = URI.create("https://api.cloudflare.com/client/v4");

    /** Cloudflare's maxima per page, so listings take as few calls as possible. */
    private static final int ACCOUNTS_PER_PAGE = 50;

    private static final int ZONES_PER_PAGE = 50;
    private static final int NAMESPACES_PER_PAGE = 100;
    private static final int DNS_RECORDS_PER_PAGE = 100;
    private static final int CERTIFICATES_PER_PAGE = 50;
    private static final int KV_KEYS_LIMIT = 1000;
    /** Cloudflare's maxima for {@code bulk/get} (keys) and for bulk writes and deletes (pairs, keys). */
    public static final int BULK_GET_MAX = 100;

    public static final int BULK_WRITE_MAX = 10_000;
    /** KV answers 404 with this code for a missing key, and other codes for a missing namespace. */
    private static final int KV_KEY_NOT_FOUND = 10009;

    private static final String NAMESPACES = "/accounts/{account_id}/storage/kv/namespaces";
    private static final String VALUE = NAMESPACES + "/{namespace_id}/values/{key_name}";
    private static final String KEYS = NAMESPACES + "/{namespace_id}/keys";
    private static final String BULK = NAMESPACES + "/{namespace_id}/bulk";
    private static final String BULK_GET = BULK + "/get";
    private static final String BULK_DELETE = BULK + "/delete";
    private static final String DNS_RECORDS = "/zones/{zone_id}/dns_records";
    private static final String DNS_RECORD = DNS_RECORDS + "/{dns_record_id}";
    private static final String SETTING = "/zones/{zone_id}/settings/{setting_id}";
    private static final String PAGE_RULES = "/zones/{zone_id}/pagerules";
    private static final String PAGE_RULE = PAGE_RULES + "/{pagerule_id}";

    private final JsonHttp http;
    private final URI baseUri;
    private final String token;

    /** An unbound client; call {@link #withToken} before any operation. */
    public HttpCloudflareClient(JsonHttp http, URI baseUri) {
        this(http, baseUri, null);
    }

    private HttpCloudflareClient(JsonHttp http, URI baseUri, String token) {
        this.http = http;
        this.baseUri = baseUri;
        this.token = token;
    }

    /** The production client: api.cloudflare.com, the process-wide HTTP client, {@code Retry-After} advice. */
    public static HttpCloudflareClient create() {
        return create(DEFAULT_BASE_URI);
    }

    public static HttpCloudflareClient create(URI baseUri) {
        return new HttpCloudflareClient(JsonHttp.create(RetryAdvice.retryAfter()), baseUri);
    }

    @Override
    public HttpCloudflareClient withToken(String apiToken) {
        return new HttpCloudflareClient(http, baseUri, apiToken);
    }

    @Override
    public String toString() {
        return "HttpCloudflareClient[" + baseUri + (token == null ? ", unbound]" : ", bound]");
    }

    @Override
    public TokenVerification verifyToken() {
        return result(get("/user/tokens/verify", Map.of()), TokenVerification.class);
    }

    @Override
    public TokenVerification verifyAccountToken(String accountId) {
        return result(get("/accounts/{account_id}/tokens/verify", Map.of(), accountId), TokenVerification.class);
    }

    @Override
    public List<Membership> listMemberships() {
        return list(get("/memberships", Map.of()), Membership.class);
    }

    @Override
    public List<Account> listAccounts() {
        return allPages("/accounts", Map.of(), ACCOUNTS_PER_PAGE, Account.class);
    }

    @Override
    public User getUser() {
        return result(get("/user", Map.of()), User.class);
    }

    @Override
    public List<KvNamespace> listKvNamespaces(String accountId) {
        return allPages(NAMESPACES, Map.of(), NAMESPACES_PER_PAGE, KvNamespace.class, accountId);
    }

    @Override
    public KvNamespace createKvNamespace(String accountId, String title) {
        return result(write("POST", NAMESPACES, Map.of("title", title), accountId), KvNamespace.class);
    }

    @Override
    public Optional<byte[]> getKvValue(String accountId, String namespaceId, String key) {
        ApiRequest request = ApiRequest.get(uri(VALUE, Map.of(), accountId, namespaceId, key), VALUE, headers());
        ApiResponse response = send(request);
        if (response.isSuccess()) {
            // The values endpoint answers with the raw value, not an envelope.
            return Optional.of(response.body());
        }
        CloudflareException failure = failure(request, response);
        if (failure.kind() == CloudflareException.Kind.NOT_FOUND
                && failure.codes().contains(KV_KEY_NOT_FOUND)) {
            return Optional.empty();
        }
        throw failure;
    }

    @Override
    public void putKvValue(String accountId, String namespaceId, String key, byte[] value) {
        ApiRequest request = ApiRequest.write(
                "PUT",
                uri(VALUE, Map.of(), accountId, namespaceId, key),
                VALUE,
                headers(),
                value,
                "application/octet-stream");
        envelope(request);
    }

    @Override
    public void deleteKvValue(String accountId, String namespaceId, String key) {
        // Deleting a key twice leaves the same state and answer, so this DELETE may be retried.
        envelope(ApiRequest.delete(uri(VALUE, Map.of(), accountId, namespaceId, key), VALUE, headers(), true));
    }

    @Override
    public Map<String, String> getKvStrings(String accountId, String namespaceId, List<String> keys) {
        List<List<String>> chunks = chunks(List.copyOf(new java.util.LinkedHashSet<>(keys)), BULK_GET_MAX);
        if (chunks.size() == 1) {
            return bulkGet(accountId, namespaceId, chunks.get(0));
        }
        List<CompletableFuture<Map<String, String>>> calls = chunks.stream()
                .map(chunk -> CompletableFuture.supplyAsync(
                        () -> bulkGet(accountId, namespaceId, chunk), CallPool.executor()))
                .toList();
        Map<String, String> values = new LinkedHashMap<>();
        for (CompletableFuture<Map<String, String>> call : calls) {
            try {
                values.putAll(call.join());
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        return values;
    }

    /**
     * One {@code bulk/get} of at most 100 keys with {@code type: text}: under {@code type: json} a single value that is
     * not JSON fails the whole call with 400 ("At least one of the requested keys corresponds to a non-json value"),
     * so callers decode each value themselves. A POST, but a read: safe to retry.
     */
    private Map<String, String> bulkGet(String accountId, String namespaceId, List<String> keys) {
        Map<String, String> values = new LinkedHashMap<>();
        if (keys.isEmpty()) {
            return values;
        }
        JsonNode body = envelope(
                retryableWrite("POST", BULK_GET, Map.of("keys", keys, "type", "text"), accountId, namespaceId));
        body.path("result").path("values").fields().forEachRemaining(entry -> {
            JsonNode value = entry.getValue();
            if (!value.isNull()) {
                values.put(entry.getKey(), value.isTextual() ? value.asText() : value.toString());
            }
        });
        return values;
    }

    @Override
    public void putKvStrings(String accountId, String namespaceId, List<KvWrite> writes) {
        for (List<KvWrite> chunk : chunks(writes, BULK_WRITE_MAX)) {
            List<Map<String, Object>> pairs =
                    chunk.stream().map(HttpCloudflareClient::pair).toList();
            // Writing the same pairs again leaves the same state: safe to retry.
            requireAllDone(BULK, envelope(retryableWrite("PUT", BULK, pairs, accountId, namespaceId)));
        }
    }

    @Override
    public void deleteKvValues(String accountId, String namespaceId, List<String> keys) {
        for (List<String> chunk : chunks(keys, BULK_WRITE_MAX)) {
            requireAllDone(BULK_DELETE, envelope(retryableWrite("POST", BULK_DELETE, chunk, accountId, namespaceId)));
        }
    }

    private static Map<String, Object> pair(KvWrite write) {
        Map<String, Object> pair = new LinkedHashMap<>();
        pair.put("key", write.key());
        pair.put("value", write.value());
        if (write.expirationTtl() != null) {
            pair.put("expiration_ttl", write.expirationTtl());
        }
        if (write.metadata() != null) {
            pair.put("metadata", write.metadata());
        }
        return pair;
    }

    /** Bulk writes and deletes name the keys that did not make it into every store ("should be retried"). */
    private static void requireAllDone(String template, JsonNode envelope) {
        JsonNode failed = envelope.path("result").path("unsuccessful_keys");
        if (failed.isArray() && !failed.isEmpty()) {
            throw CloudflareException.incomplete("bulk " + template, failed.size());
        }
    }

    private static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            chunks.add(items.subList(from, Math.min(items.size(), from + size)));
        }
        if (chunks.isEmpty()) {
            chunks.add(List.of());
        }
        return chunks;
    }

    @Override
    public List<KvKey> listKvKeys(String accountId, String namespaceId, String prefix) {
        List<KvKey> keys = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("limit", KV_KEYS_LIMIT);
            query.put("prefix", prefix);
            query.put("cursor", cursor);
            JsonNode body = get(KEYS, query, accountId, namespaceId);
            keys.addAll(convertList(body.path("result"), KvKey.class));
            cursor = body.path("result_info").path("cursor").asText("");
        } while (!cursor.isEmpty());
        return keys;
    }

    @Override
    public List<Zone> listZones() {
        return allPages("/zones", Map.of(), ZONES_PER_PAGE, Zone.class);
    }

    /** One call whatever the number of zones (5 is the smallest page {@code GET /zones} documents). */
    @Override
    public Optional<Zone> firstZone() {
        return list(get("/zones", Map.<String, Object>of("per_page", 5)), Zone.class).stream()
                .findFirst();
    }

    @Override
    public Optional<Zone> findZoneByName(String name) {
        return list(get("/zones", Map.of("name", name)), Zone.class).stream()
                .filter(zone -> zone.name().equalsIgnoreCase(name))
                .findFirst();
    }

    @Override
    public List<DnsRecord> listDnsRecords(String zoneId, String name, String type) {
        Map<String, Object> filter = new LinkedHashMap<>();
        // name.exact, as the official SDK 7.3.0 sends it (RecordListParams.name: {exact, contains, …}); the plain name
        // of the 2024 spec is gone from Cloudflare's current API description (contracts/cloudflare/sdk-referee.md).
        filter.put("name.exact", name);
        filter.put("type", type);
        return allPages(DNS_RECORDS, filter, DNS_RECORDS_PER_PAGE, DnsRecord.class, zoneId);
    }

    @Override
    public DnsRecord createDnsRecord(String zoneId, DnsRecordInput record) {
        return result(write("POST", DNS_RECORDS, record, zoneId), DnsRecord.class);
    }

    @Override
    public DnsRecord updateDnsRecord(String zoneId, String recordId, DnsRecordInput record) {
        return result(write("PUT", DNS_RECORD, record, zoneId, recordId), DnsRecord.class);
    }

    @Override
    public void deleteDnsRecord(String zoneId, String recordId) {
        envelope(ApiRequest.delete(uri(DNS_RECORD, Map.of(), zoneId, recordId), DNS_RECORD, headers(), false));
    }

    @Override
    public OriginCertificate createOriginCertificate(OriginCertificateRequest request) {
        return result(write("POST", "/certificates", request), OriginCertificate.class);
    }

    @Override
    public List<OriginCertificate> listOriginCertificates(String zoneId) {
        return allPages("/certificates", Map.of("zone_id", zoneId), CERTIFICATES_PER_PAGE, OriginCertificate.class);
    }

    @Override
    public void revokeOriginCertificate(String certificateId) {
        String template = "/certificates/{certificate_id}";
        envelope(ApiRequest.delete(uri(template, Map.of(), certificateId), template, headers(), false));
    }

    @Override
    public ZoneSetting getZoneSetting(String zoneId, ZoneSetting.Id setting) {
        return result(get(SETTING, Map.of(), zoneId, setting.wireName()), ZoneSetting.class);
    }

    @Override
    public ZoneSetting updateZoneSetting(String zoneId, ZoneSetting.Id setting, String value) {
        return result(write("PATCH", SETTING, Map.of("value", value), zoneId, setting.wireName()), ZoneSetting.class);
    }

    @Override
    public List<PageRule> listPageRules(String zoneId) {
        return list(get(PAGE_RULES, Map.of(), zoneId), PageRule.class);
    }

    @Override
    public PageRule createPageRule(String zoneId, PageRuleInput rule) {
        return result(write("POST", PAGE_RULES, rule, zoneId), PageRule.class);
    }

    @Override
    public void deletePageRule(String zoneId, String pageRuleId) {
        envelope(ApiRequest.delete(uri(PAGE_RULE, Map.of(), zoneId, pageRuleId), PAGE_RULE, headers(), false));
    }

    private <T> List<T> allPages(
            String template, Map<String, Object> filter, int perPage, Class<T> type, String... values) {
        List<T> all = new ArrayList<>();
        for (int page = 1; ; page++) {
            Map<String, Object> query = new LinkedHashMap<>(filter);
            query.put("page", page);
            query.put("per_page", perPage);
            JsonNode body = get(template, query, values);
            JsonNode result = body.path("result");
            all.addAll(convertList(result, type));
            int totalPages = body.path("result_info").path("total_pages").asInt(0);
            // Old answers lack total_pages; a short page is then the last one.
            boolean last = totalPages > 0 ? page >= totalPages : result.size() < perPage;
            if (last || result.isEmpty()) {
                return all;
            }
        }
    }

    private JsonNode get(String template, Map<String, Object> query, String... values) {
        return envelope(ApiRequest.get(uri(template, query, values), template, headers()));
    }

    private JsonNode write(String method, String template, Object body, String... values) {
        return envelope(ApiRequest.write(
                method,
                uri(template, Map.of(), values),
                template,
                headers(),
                json(template, body),
                "application/json"));
    }

    /** A JSON request with a body that may be repeated (a read by POST, or an idempotent bulk write). */
    private ApiRequest retryableWrite(String method, String template, Object body, String... values) {
        return new ApiRequest(
                method,
                uri(template, Map.of(), values),
                template,
                headers(),
                json(template, body),
                "application/json",
                true);
    }

    private static byte[] json(String template, Object body) {
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise the " + template + " body", e);
        }
    }

    /** Sends the request and returns Cloudflare's envelope, or throws when it reports a failure. */
    private JsonNode envelope(ApiRequest request) {
        ApiResponse response = send(request);
        JsonNode body = response.json();
        if (!response.isSuccess() || !body.path("success").asBoolean(false)) {
            throw failure(request, response);
        }
        return body;
    }

    private ApiResponse send(ApiRequest request) {
        try {
            return http.send(request);
        } catch (TransportException e) {
            throw CloudflareException.transport(request.describe(), e);
        }
    }

    private static CloudflareException failure(ApiRequest request, ApiResponse response) {
        List<CloudflareError> errors = convertList(response.json().path("errors"), CloudflareError.class);
        Duration retryAfter = response.status() == 429
                ? RetryAdvice.retryAfter()
                        .delay(response.headers(), Instant.now())
                        .orElse(null)
                : null;
        return CloudflareException.fromResponse(request.describe(), response.status(), errors, retryAfter);
    }

    private static <T> T result(JsonNode envelope, Class<T> type) {
        return convert(envelope.path("result"), type);
    }

    private static <T> List<T> list(JsonNode envelope, Class<T> type) {
        return convertList(envelope.path("result"), type);
    }

    private static <T> List<T> convertList(JsonNode array, Class<T> type) {
        List<T> items = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(node -> items.add(convert(node, type)));
        }
        return items;
    }

    private static <T> T convert(JsonNode node, Class<T> type) {
        try {
            return Json.MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unexpected Cloudflare " + type.getSimpleName() + " shape", e);
        }
    }

    private URI uri(String template, Map<String, ?> query, String... values) {
        return PathTemplate.uri(baseUri, PathTemplate.expand(template, values), query);
    }

    private Map<String, String> headers() {
        if (token == null) {
            throw new IllegalStateException("no API token bound: call withToken first");
        }
        return Map.of("Authorization", "Bearer " + token);
    }
}
