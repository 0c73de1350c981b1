package dev.xanthus.sandbox.cloudflare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xanthus.sandbox.http.ProviderErrors;
import dev.xanthus.sandbox.http.SimJson;
import dev.xanthus.sandbox.http.SimRequest;
import dev.xanthus.sandbox.http.SimResponse;
import dev.xanthus.sandbox.http.SimServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A Cloudflare API v4 stand-in over real HTTP, answering as {@code shared/contracts} documents: the envelope, page and
 * cursor listings, and the real status and error codes for auth failures. State lives in memory and is thread-safe
 * (one lock; injected latency is applied before it is taken). Error codes other than the auth and KV-not-found ones
 * are the simulator's own choice. Workers KV (values with metadata and expiry, bulk read/write/delete) is
 * {@link KvSim}; account-owned tokens verify only at their account's endpoint and see only their account. Faults and
 * call counters: {@link #server()} or {@code /__admin}; also {@code POST /__admin/tokens {"token":…, "accountId"?:…,
 * "permissions"?:[…]}} (with {@code accountId}: an account-owned token; with {@code permissions}: a user token granted
 * only those, of {@link CloudflareSimConfig#PERMISSIONS}), {@code POST /__admin/tokens/revoke {"token":…}},
 * {@code GET /__admin/zones/{name}/snapshot} and {@code GET /__admin/origin-ca.pem}. Cloudflare's official SDK referees
 * the routes ({@code CloudflareOfficialSdkTest}; facts in {@code contracts/cloudflare/sdk-referee.md}).
 */
public final class CloudflareSimulator implements AutoCloseable {

    public static final String BASE_PATH = "/client/v4";
    private static final String NAMESPACE = "/accounts/{account_id}/storage/kv/namespaces/{namespace_id}";

    private static final Pattern WELL_FORMED_TOKEN = Pattern.compile("[A-Za-z0-9_]+");
    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)");
    private static final Set<Integer> VALIDITIES = Set.of(7, 30, 90, 365, 730, 1095, 5475);
    /** The values each simulated zone setting takes (SDK 7.3.0 {@code zones/settings.ts}, contracts sdk-referee.md). */
    private static final Map<String, Set<String>> SETTING_VALUES = Map.of(
            "ssl", Set.of("off", "flexible", "full", "strict"),
            "always_use_https", Set.of("on", "off"),
            "min_tls_version", Set.of("1.0", "1.1", "1.2", "1.3"));

    /** How an endpoint reports a bad token, which differs on Cloudflare by endpoint family. */
    private enum Scope {
        VERIFY,
        ACCOUNT,
        OTHER
    }

    private record Setting(String value, Instant modifiedOn) {}

    private record ZoneState(
            String id,
            String name,
            String accountId,
            Instant createdOn,
            Map<String, Setting> settings,
            Map<String, ZoneSnapshot.DnsRecord> dns,
            Map<String, ZoneSnapshot.PageRule> pageRules) {}

    private record Certificate(
            String id,
            String pem,
            List<String> hostnames,
            Instant expiresOn,
            String requestType,
            int requestedValidity,
            String csr,
            Instant revokedOn) {}

    private final CloudflareSimConfig config;
    private final SimServer server;
    private final OriginCa originCa;
    private final Object lock = new Object();
    private final Map<String, String> tokens = new LinkedHashMap<>();
    /** Account-owned tokens: token → the account that owns it. */
    private final Map<String, String> accountTokens = new LinkedHashMap<>();

    private final Set<String> revoked = new HashSet<>();
    /** Scoped user tokens: token → the permission families it was granted; other tokens may use every route. */
    private final Map<String, Set<String>> scopes = new LinkedHashMap<>();

    private final Map<String, CloudflareSimConfig.Account> accounts = new LinkedHashMap<>();
    private final KvSim kv;
    private final Map<String, Map<String, KvSim.Namespace>> namespaces = new LinkedHashMap<>();
    private final Map<String, ZoneState> zones = new LinkedHashMap<>();
    private final Map<String, Certificate> certificates = new LinkedHashMap<>();

    private CloudflareSimulator(CloudflareSimConfig config) {
        this.config = config;
        this.originCa = new OriginCa(config.clock().instant());
        this.kv = new KvSim(config.clock(), config.kvPageSize());
        config.tokens().forEach(this::addToken);
        config.scopedTokens().forEach(this::addScopedToken);
        config.accounts().forEach(account -> {
            accounts.put(account.id(), account);
            namespaces.put(account.id(), new LinkedHashMap<>());
        });
        // A config that replaced the accounts may leave the default account token without its account: skipped.
        config.accountTokens().stream()
                .filter(t -> accounts.containsKey(t.accountId()))
                .forEach(t -> addAccountToken(t.token(), t.accountId()));
        Instant now = config.clock().instant();
        for (String name : config.zones()) {
            Map<String, Setting> settings = new LinkedHashMap<>();
            settings.put("ssl", new Setting("flexible", now));
            settings.put("always_use_https", new Setting("off", now));
            settings.put("min_tls_version", new Setting("1.0", now));
            ZoneState zone = new ZoneState(
                    stableId("zone:" + name),
                    name,
                    config.accounts().get(0).id(),
                    now,
                    settings,
                    new LinkedHashMap<>(),
                    new LinkedHashMap<>());
            zones.put(zone.id(), zone);
        }
        this.server = new SimServer(BASE_PATH, new CloudflareErrors());
        routes();
    }

    /** Starts a simulator with {@code config}; close it to stop. */
    public static CloudflareSimulator start(CloudflareSimConfig config) {
        CloudflareSimulator simulator = new CloudflareSimulator(config);
        simulator.server.start(config.host(), config.port());
        return simulator;
    }

    /** Runs the sandbox simulator on 127.0.0.1:8787 (or the port given as the first argument) until killed. */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0
                ? Integer.parseInt(args[0])
                : CloudflareSimConfig.defaults().port();
        CloudflareSimulator simulator = start(CloudflareSimConfig.defaults().withPort(port));
        System.out.println("Cloudflare simulator on " + simulator.baseUri());
        Thread.currentThread().join();
    }

    /** E.g. {@code http://127.0.0.1:8787/client/v4}: what a client takes as its base URI. */
    public URI baseUri() {
        return server.baseUri();
    }

    /** Faults, counters and exchange listeners. */
    public SimServer server() {
        return server;
    }

    public CloudflareSimConfig config() {
        return config;
    }

    /** The sandbox root every Origin CA certificate chains to. */
    public X509Certificate originCaCertificate() {
        return originCa.certificate();
    }

    public String originCaCertificatePem() {
        return originCa.certificatePem();
    }

    /** Accepts {@code token} from now on. */
    public void addToken(String token) {
        synchronized (lock) {
            tokens.putIfAbsent(token, stableId("token:" + token));
            revoked.remove(token);
        }
    }

    /**
     * Accepts {@code token} from now on as a user token that may use only the route families of {@code permissions}
     * (of {@link CloudflareSimConfig#PERMISSIONS}); any other route answers 403 code 10000, as Cloudflare does.
     */
    public void addScopedToken(String token, Set<String> permissions) {
        if (!CloudflareSimConfig.PERMISSIONS.containsAll(permissions)) {
            throw new IllegalArgumentException("unknown permissions in " + permissions);
        }
        synchronized (lock) {
            addToken(token);
            scopes.put(token, Set.copyOf(permissions));
        }
    }

    /** Accepts {@code token} from now on as a token owned by account {@code accountId} (no user behind it). */
    public void addAccountToken(String token, String accountId) {
        synchronized (lock) {
            if (!accounts.containsKey(accountId)) {
                throw new IllegalArgumentException("no account " + accountId);
            }
            accountTokens.put(token, accountId);
            tokens.putIfAbsent(token, stableId("token:" + token));
            revoked.remove(token);
        }
    }

    /** Makes {@code token} invalid from now on, as deleting it in the dashboard would. */
    public void revokeToken(String token) {
        synchronized (lock) {
            revoked.add(token);
        }
    }

    /** The id of the zone named {@code name}. */
    public String zoneId(String name) {
        return zone(name).id();
    }

    /** Creates a KV namespace directly (no HTTP), returning its id. */
    public String createKvNamespace(String accountId, String title) {
        synchronized (lock) {
            KvSim.Namespace namespace = new KvSim.Namespace(newId(), title, new TreeMap<>());
            namespaces.get(accountId).put(namespace.id(), namespace);
            return namespace.id();
        }
    }

    /** Deletes a KV namespace directly (no HTTP), as a user deleting it in the dashboard would. */
    public void deleteKvNamespace(String accountId, String namespaceId) {
        synchronized (lock) {
            namespaces.get(accountId).remove(namespaceId);
        }
    }

    /** Writes KV values directly (no HTTP), e.g. to seed a large namespace. */
    public void putKvValues(String accountId, String namespaceId, Map<String, String> values) {
        synchronized (lock) {
            TreeMap<String, KvSim.Entry> store =
                    namespaces.get(accountId).get(namespaceId).entries();
            values.forEach((key, value) ->
                    store.put(key, new KvSim.Entry(value.getBytes(StandardCharsets.UTF_8), null, null)));
        }
    }

    /** The live value under {@code key} (an expired one reads as absent, as over HTTP). */
    public Optional<String> kvValue(String accountId, String namespaceId, String key) {
        synchronized (lock) {
            return kv.live(namespaces.get(accountId).get(namespaceId), key)
                    .map(entry -> new String(entry.value(), StandardCharsets.UTF_8));
        }
    }

    /** The zone's settings, DNS records, page rules and the certificates covering it, as of now. */
    public ZoneSnapshot snapshot(String zoneName) {
        synchronized (lock) {
            ZoneState zone = zone(zoneName);
            Map<String, String> settings = new TreeMap<>();
            zone.settings().forEach((id, setting) -> settings.put(id, setting.value()));
            List<ZoneSnapshot.Certificate> certs = certificates.values().stream()
                    .filter(c -> c.hostnames().stream().anyMatch(h -> h.equals(zoneName) || h.endsWith("." + zoneName)))
                    .map(c -> new ZoneSnapshot.Certificate(
                            c.id(),
                            c.hostnames(),
                            c.requestType(),
                            c.requestedValidity(),
                            c.expiresOn(),
                            c.revokedOn() != null))
                    .toList();
            return new ZoneSnapshot(
                    zone.id(),
                    zone.name(),
                    Map.copyOf(settings),
                    List.copyOf(zone.dns().values()),
                    List.copyOf(zone.pageRules().values()),
                    certs);
        }
    }

    @Override
    public void close() {
        server.close();
    }

    private void routes() {
        server.route("GET", "/user/tokens/verify", api(Scope.VERIFY, this::verifyToken))
                .route("GET", "/accounts/{account_id}/tokens/verify", api(Scope.VERIFY, this::verifyToken))
                .route("GET", "/memberships", api(Scope.OTHER, this::listMemberships))
                .route("GET", "/accounts", api(Scope.OTHER, this::listAccounts))
                .route("GET", "/user", api(Scope.OTHER, this::getUser))
                .route("GET", "/accounts/{account_id}/storage/kv/namespaces", api(Scope.ACCOUNT, this::listNamespaces))
                .route(
                        "POST",
                        "/accounts/{account_id}/storage/kv/namespaces",
                        api(Scope.ACCOUNT, this::createNamespace))
                .route("GET", NAMESPACE, kvApi((namespace, request) -> ok(namespaceJson(namespace))))
                .route("DELETE", NAMESPACE, kvApi(this::deleteNamespace))
                .route("GET", NAMESPACE + "/metadata/{key_name}", kvApi(kv::getMetadata))
                .route("GET", NAMESPACE + "/values/{key_name}", kvApi(kv::getValue))
                .route("PUT", NAMESPACE + "/values/{key_name}", kvApi(kv::putValue))
                .route("DELETE", NAMESPACE + "/values/{key_name}", kvApi(kv::deleteValue))
                .route("GET", NAMESPACE + "/keys", kvApi(kv::listKeys))
                .route("POST", NAMESPACE + "/bulk/get", kvApi(kv::bulkGet))
                .route("PUT", NAMESPACE + "/bulk", kvApi(kv::bulkPut))
                .route("POST", NAMESPACE + "/bulk/delete", kvApi(kv::bulkDelete))
                .route("GET", "/zones", api(Scope.OTHER, this::listZones))
                .route(
                        "GET",
                        "/zones/{zone_id}",
                        api(Scope.OTHER, request -> ok(zoneJson(zones.get(request.pathParam("zone_id"))))))
                .route("GET", "/zones/{zone_id}/dns_records", api(Scope.OTHER, this::listDnsRecords))
                .route("POST", "/zones/{zone_id}/dns_records", api(Scope.OTHER, this::createDnsRecord))
                .route("GET", "/zones/{zone_id}/dns_records/{dns_record_id}", api(Scope.OTHER, this::getDnsRecord))
                .route("PUT", "/zones/{zone_id}/dns_records/{dns_record_id}", api(Scope.OTHER, this::updateDnsRecord))
                .route("PATCH", "/zones/{zone_id}/dns_records/{dns_record_id}", api(Scope.OTHER, this::editDnsRecord))
                .route(
                        "DELETE",
                        "/zones/{zone_id}/dns_records/{dns_record_id}",
                        api(Scope.OTHER, this::deleteDnsRecord))
                .route("POST", "/certificates", api(Scope.OTHER, this::createCertificate))
                .route("GET", "/certificates", api(Scope.OTHER, this::listCertificates))
                .route("GET", "/certificates/{certificate_id}", api(Scope.OTHER, this::getCertificate))
                .route("DELETE", "/certificates/{certificate_id}", api(Scope.OTHER, this::revokeCertificate))
                .route("GET", "/zones/{zone_id}/settings/{setting_id}", api(Scope.OTHER, this::getSetting))
                .route("PATCH", "/zones/{zone_id}/settings/{setting_id}", api(Scope.OTHER, this::patchSetting))
                .route("GET", "/zones/{zone_id}/pagerules", api(Scope.OTHER, this::listPageRules))
                .route("POST", "/zones/{zone_id}/pagerules", api(Scope.OTHER, this::createPageRule))
                .route("GET", "/zones/{zone_id}/pagerules/{pagerule_id}", api(Scope.OTHER, this::getPageRule))
                .route("DELETE", "/zones/{zone_id}/pagerules/{pagerule_id}", api(Scope.OTHER, this::deletePageRule));
        server.adminRoute("POST", "/tokens", request -> {
            JsonNode body = request.json();
            if (body.path("permissions").isArray()) {
                Set<String> granted = new HashSet<>();
                body.get("permissions").forEach(p -> granted.add(p.asText()));
                if (!CloudflareSimConfig.PERMISSIONS.containsAll(granted)) {
                    return SimResponse.json(
                            400, Map.of("error", "permissions must be of " + CloudflareSimConfig.PERMISSIONS));
                }
                addScopedToken(body.path("token").asText(), granted);
            } else if (body.hasNonNull("accountId")) {
                addAccountToken(
                        body.path("token").asText(), body.get("accountId").asText());
            } else {
                addToken(body.path("token").asText());
            }
            return SimResponse.json(200, Map.of("ok", true));
        });
        server.adminRoute("POST", "/tokens/revoke", request -> {
            revokeToken(request.json().path("token").asText());
            return SimResponse.json(200, Map.of("ok", true));
        });
        server.adminRoute(
                "GET",
                "/zones/{zone_name}/snapshot",
                request -> SimResponse.json(200, snapshot(request.pathParam("zone_name"))));
        server.adminRoute(
                "GET",
                "/origin-ca.pem",
                request -> SimResponse.raw(
                        200, "application/x-pem-file", originCaCertificatePem().getBytes(StandardCharsets.UTF_8)));
    }

    /** Checks the credential as Cloudflare does for the endpoint family, then runs the handler under the lock. */
    private SimServer.Handler api(Scope scope, SimServer.Handler handler) {
        return request -> {
            Optional<String> header = request.header("Authorization");
            if (header.isEmpty()) {
                return scope == Scope.VERIFY
                        ? error(400, 1001, "Missing \"Authorization\" header")
                        : SimResponse.json(
                                400,
                                envelope(
                                        false,
                                        List.of(
                                                Map.of("code", 9106, "message", "Missing X-Auth-Email header"),
                                                Map.of("code", 9107, "message", "Missing X-Auth-Key header")),
                                        null,
                                        null));
            }
            String value = header.get();
            if (!value.startsWith("Bearer ")
                    || !WELL_FORMED_TOKEN.matcher(value.substring(7)).matches()) {
                Map<String, Object> chained = Map.of(
                        "code",
                        6003,
                        "message",
                        "Invalid request headers",
                        "error_chain",
                        List.of(Map.of("code", 6111, "message", "Invalid format for Authorization header")));
                return SimResponse.json(400, envelope(false, List.of(chained), null, null));
            }
            synchronized (lock) {
                String token = value.substring(7);
                if (!tokens.containsKey(token) || revoked.contains(token)) {
                    return switch (scope) {
                        case VERIFY -> error(401, 1000, "Invalid API Token");
                        case ACCOUNT -> error(401, 10000, "Authentication error");
                        case OTHER -> error(403, 9109, "Invalid access token");
                    };
                }
                String accountId = request.pathParam("account_id");
                if (accountId != null && !accounts.containsKey(accountId)) {
                    return noSuchObject(request);
                }
                String zoneId = request.pathParam("zone_id");
                if (zoneId != null && !zones.containsKey(zoneId)) {
                    return noSuchObject(request);
                }
                Set<String> granted = scopes.get(token);
                if (granted != null && scope != Scope.VERIFY && !granted.contains(permission(request.route()))) {
                    // A valid token lacking the route's permission: 403 with 10000 "Authentication error" (errors.md).
                    return error(403, 10000, "Authentication error");
                }
                String owner = accountTokens.get(token);
                if (owner != null) {
                    Optional<SimResponse> refused = accountTokenRefusal(request, scope, owner);
                    if (refused.isPresent()) {
                        return refused.get();
                    }
                }
                return handler.handle(request);
            }
        };
    }

    /** The permission family a route needs, most specific path fragment first (every zone route starts /zones). */
    private static String permission(String route) {
        if (route.contains("/storage/kv")) {
            return "kv";
        }
        for (String[] family : new String[][] {
            {"/dns_records", "dns"},
            {"/settings/", "zone_settings"},
            {"/certificates", "ssl"},
            {"/pagerules", "page_rules"},
            {"/zones", "zone"},
            {"/accounts", "account_settings"},
            {"/memberships", "account_settings"},
            {"/user", "user_details"}
        }) {
            if (route.contains(family[0])) {
                return family[1];
            }
        }
        throw new IllegalStateException("no permission family for " + route);
    }

    /**
     * What Cloudflare refuses an account-owned token: the user-level endpoints (it has no user; {@code
     * /user/tokens/verify} answers as for an unknown token, 401 code 1000) and any other account's resources. The
     * {@code /user} and {@code /memberships} answer (403, 9109) is the simulator's reading of the documented
     * "wrong token on /zones or /accounts" failure; Cloudflare does not document it for account tokens.
     */
    private Optional<SimResponse> accountTokenRefusal(SimRequest request, Scope scope, String owner) {
        String route = request.route();
        if (route.equals("GET /user/tokens/verify")) {
            return Optional.of(error(401, 1000, "Invalid API Token"));
        }
        if (route.equals("GET /user") || route.equals("GET /memberships")) {
            return Optional.of(error(403, 9109, "Unauthorized to access requested resource"));
        }
        String accountId = request.pathParam("account_id");
        String zoneId = request.pathParam("zone_id");
        boolean otherAccount = (accountId != null && !accountId.equals(owner))
                || (zoneId != null && !zones.get(zoneId).accountId().equals(owner));
        if (!otherAccount) {
            return Optional.empty();
        }
        return Optional.of(
                switch (scope) {
                    case VERIFY -> error(401, 1000, "Invalid API Token");
                    case ACCOUNT -> error(401, 10000, "Authentication error");
                    case OTHER -> error(403, 9109, "Unauthorized to access requested resource");
                });
    }

    private SimResponse verifyToken(SimRequest request) {
        String token = request.header("Authorization").orElseThrow().substring(7);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", tokens.get(token));
        result.put("status", "active");
        return SimResponse.json(
                200,
                envelope(
                        true,
                        List.of(),
                        Map.of("code", 10000, "message", "This API Token is valid and active"),
                        result));
    }

    private SimResponse listMemberships(SimRequest request) {
        List<Map<String, Object>> memberships = accounts.values().stream()
                .map(a -> Map.<String, Object>of(
                        "id",
                        stableId("membership:" + a.id()),
                        "status",
                        "accepted",
                        "account",
                        Map.of("id", a.id(), "name", a.name()),
                        "roles",
                        List.of("Administrator")))
                .toList();
        return paged(request, memberships, 20);
    }

    private SimResponse listAccounts(SimRequest request) {
        // An account-owned token sees only its own account.
        String owner =
                accountTokens.get(request.header("Authorization").orElseThrow().substring(7));
        List<Map<String, Object>> list = accounts.values().stream()
                .filter(a -> owner == null || a.id().equals(owner))
                .map(a -> Map.<String, Object>of(
                        "id",
                        a.id(),
                        "name",
                        a.name(),
                        "type",
                        "standard",
                        "settings",
                        Map.of("enforce_twofactor", false),
                        "created_on",
                        "2024-01-01T00:00:00Z"))
                .toList();
        return paged(request, list, 20);
    }

    private SimResponse getUser(SimRequest request) {
        return ok(Map.of(
                "id",
                config.userId(),
                "email",
                config.userEmail(),
                "username",
                config.userId(),
                "two_factor_authentication_enabled",
                false,
                "suspended",
                false));
    }

    private SimResponse listNamespaces(SimRequest request) {
        List<Map<String, Object>> list = namespaces.get(request.pathParam("account_id")).values().stream()
                .map(CloudflareSimulator::namespaceJson)
                .toList();
        return paged(request, list, 20);
    }

    private SimResponse createNamespace(SimRequest request) {
        String title = request.json().path("title").asText("");
        if (title.isBlank()) {
            return error(400, 10019, "title is required");
        }
        Map<String, KvSim.Namespace> account = namespaces.get(request.pathParam("account_id"));
        if (account.values().stream().anyMatch(ns -> ns.title().equals(title))) {
            return error(400, 10014, "A namespace with this account ID and title already exists");
        }
        KvSim.Namespace namespace = new KvSim.Namespace(newId(), title, new TreeMap<>());
        account.put(namespace.id(), namespace);
        return ok(namespaceJson(namespace));
    }

    /** Deletes the namespace with its pairs; the SDK types the answer as {@code NamespaceDeleteResponse} ({@code {}}). */
    private SimResponse deleteNamespace(KvSim.Namespace namespace, SimRequest request) {
        namespaces.get(request.pathParam("account_id")).remove(namespace.id());
        return ok(Map.of());
    }

    private SimResponse listZones(SimRequest request) {
        String owner =
                accountTokens.get(request.header("Authorization").orElseThrow().substring(7));
        Predicate<ZoneState> filter = zone -> (owner == null || zone.accountId().equals(owner))
                && request.query("name").map(zone.name()::equalsIgnoreCase).orElse(true)
                && request.query("account.id").map(zone.accountId()::equals).orElse(true)
                && request.query("status").map("active"::equals).orElse(true);
        return paged(
                request,
                zones.values().stream().filter(filter).map(this::zoneJson).toList(),
                20);
    }

    private SimResponse listDnsRecords(SimRequest request) {
        ZoneState zone = zones.get(request.pathParam("zone_id"));
        // The SDK sends the name filter as name.exact (and .contains/.startswith/.endswith); plain name is the older
        // alias of name.exact the 2024 spec documents, which our client used to send.
        String exact =
                request.query("name.exact").or(() -> request.query("name")).orElse(null);
        Predicate<ZoneSnapshot.DnsRecord> filter =
                r -> (exact == null || r.name().equalsIgnoreCase(exact))
                        && request.query("name.contains")
                                .map(v -> r.name().contains(v.toLowerCase()))
                                .orElse(true)
                        && request.query("name.startswith")
                                .map(v -> r.name().startsWith(v.toLowerCase()))
                                .orElse(true)
                        && request.query("name.endswith")
                                .map(v -> r.name().endsWith(v.toLowerCase()))
                                .orElse(true)
                        && request.query("type").map(r.type()::equalsIgnoreCase).orElse(true);
        return paged(
                request,
                zone.dns().values().stream()
                        .filter(filter)
                        .map(r -> dnsJson(zone, r))
                        .toList(),
                100);
    }

    private SimResponse createDnsRecord(SimRequest request) {
        return saveDnsRecord(request);
    }

    private SimResponse getDnsRecord(SimRequest request) {
        ZoneState zone = zones.get(request.pathParam("zone_id"));
        ZoneSnapshot.DnsRecord record = zone.dns().get(request.pathParam("dns_record_id"));
        return record == null ? error(404, 81044, "Record does not exist.") : ok(dnsJson(zone, record));
    }

    /** PUT: the body replaces the record (a field left out takes its default, e.g. no comment). */
    private SimResponse updateDnsRecord(SimRequest request) {
        ZoneState zone = zones.get(request.pathParam("zone_id"));
        ZoneSnapshot.DnsRecord existing = zone.dns().get(request.pathParam("dns_record_id"));
        return existing == null
                ? error(404, 81044, "Record does not exist.")
                : saveDnsRecord(request, request.json(), existing);
    }

    /** PATCH: only the fields sent change (SDK {@code records.edit}: "Update an existing DNS record"; all optional). */
    private SimResponse editDnsRecord(SimRequest request) {
        ZoneState zone = zones.get(request.pathParam("zone_id"));
        ZoneSnapshot.DnsRecord existing = zone.dns().get(request.pathParam("dns_record_id"));
        if (existing == null) {
            return error(404, 81044, "Record does not exist.");
        }
        JsonNode sent = request.json();
        if (!sent.isObject()) {
            return error(400, 9000, "DNS record type, name and content are required.");
        }
        ObjectNode merged = SimJson.MAPPER
                .createObjectNode()
                .put("type", existing.type())
                .put("name", existing.name())
                .put("content", existing.content())
                .put("proxied", existing.proxied())
                .put("ttl", existing.ttl());
        if (existing.comment() != null) {
            merged.put("comment", existing.comment());
        }
        merged.setAll((ObjectNode) sent);
        return saveDnsRecord(request, merged, existing);
    }

    private SimResponse saveDnsRecord(SimRequest request) {
        return saveDnsRecord(request, request.json(), null);
    }

    private SimResponse saveDnsRecord(SimRequest request, JsonNode body, ZoneSnapshot.DnsRecord existing) {
        ZoneState zone = zones.get(request.pathParam("zone_id"));
        String type = body.path("type").asText("").toUpperCase();
        String content = body.path("content").asText("");
        String name = fullName(body.path("name").asText(""), zone.name());
        if (type.isEmpty() || content.isEmpty() || body.path("name").asText("").isEmpty()) {
            return error(400, 9000, "DNS record type, name and content are required.");
        }
        if (type.equals("A") && !IPV4.matcher(content).matches()) {
            return error(400, 9005, "Content for A record must be a valid IPv4 address.");
        }
        if (type.equals("AAAA") && !content.contains(":")) {
            return error(400, 9006, "Content for AAAA record must be a valid IPv6 address.");
        }
        boolean duplicate = zone.dns().values().stream()
                .anyMatch(r -> (existing == null || !r.id().equals(existing.id()))
                        && r.type().equals(type)
                        && r.name().equalsIgnoreCase(name)
                        && r.content().equals(content));
        if (duplicate) {
            return error(400, 81057, "Record already exists.");
        }
        int ttl = body.path("ttl").asInt(1);
        if (ttl != 1 && (ttl < 30 || ttl > 86400)) {
            return error(400, 9021, "Invalid TTL. Must be between 30 and 86400 seconds, or 1 for Automatic.");
        }
        Instant now = config.clock().instant();
        ZoneSnapshot.DnsRecord record = new ZoneSnapshot.DnsRecord(
                existing == null ? newId() : existing.id(),
                type,
                name,
                content,
                body.path("proxied").asBoolean(false),
                ttl,
                body.hasNonNull("comment") ? body.get("comment").asText() : null,
                existing == null ? now : existing.createdOn(),
                now);
        zone.dns().put(record.id(), record);
        return ok(dnsJson(zone, record));
    }

    private SimResponse deleteDnsRecord(SimRequest request) {
        ZoneState zone = zones.get(request.pathParam("zone_id"));
        String id = request.pathParam("dns_record_id");
        return zone.dns().remove(id) == null ? error(404, 81044, "Record does not exist.") : ok(Map.of("id", id));
    }

    private SimResponse createCertificate(SimRequest request) {
        JsonNode body = request.json();
        List<String> hostnames = new ArrayList<>();
        body.path("hostnames").forEach(h -> hostnames.add(h.asText()));
        int validity = body.path("requested_validity").asInt(5475);
        String requestType = body.path("request_type").asText("origin-rsa");
        String csr = body.path("csr").asText("");
        if (hostnames.isEmpty()) {
            return error(400, 1005, "At least one hostname is required.");
        }
        if (!VALIDITIES.contains(validity)) {
            return error(400, 1006, "requested_validity must be one of 7, 30, 90, 365, 730, 1095 or 5475.");
        }
        if (!requestType.equals("origin-rsa") && !requestType.equals("origin-ecc")) {
            return error(400, 1007, "request_type must be origin-rsa or origin-ecc.");
        }
        OriginCa.Issued issued;
        try {
            issued = originCa.issue(
                    csr, hostnames, validity, requestType, config.clock().instant());
        } catch (OriginCa.BadCsrException e) {
            return error(400, 1010, e.getMessage());
        }
        Certificate certificate = new Certificate(
                issued.serial(),
                issued.pem(),
                List.copyOf(hostnames),
                issued.notAfter(),
                requestType,
                validity,
                csr,
                null);
        certificates.put(certificate.id(), certificate);
        return ok(certificateJson(certificate));
    }

    /** The zone's certificates (a hostname in the zone), unrevoked, paged; {@code zone_id} is required. */
    private SimResponse listCertificates(SimRequest request) {
        Optional<String> zoneId = request.query("zone_id");
        if (zoneId.isEmpty()) {
            return error(400, 1001, "zone_id is required.");
        }
        ZoneState zone = zones.get(zoneId.get());
        if (zone == null) {
            return error(404, 7003, "Could not route to /certificates, perhaps your object identifier is invalid?");
        }
        List<Map<String, Object>> list = certificates.values().stream()
                .filter(c -> c.revokedOn() == null && c.hostnames().stream().anyMatch(h -> inZone(h, zone.name())))
                .map(CloudflareSimulator::certificateJson)
                .toList();
        return paged(request, list, 20);
    }

    private SimResponse getCertificate(SimRequest request) {
        Certificate certificate = certificates.get(request.pathParam("certificate_id"));
        return certificate == null || certificate.revokedOn() != null
                ? error(404, 1003, "Certificate not found.")
                : ok(certificateJson(certificate));
    }

    private static boolean inZone(String hostname, String zoneName) {
        String bare = hostname.startsWith("*.") ? hostname.substring(2) : hostname;
        return bare.equals(zoneName) || bare.endsWith("." + zoneName);
    }

    /** As the Origin CA answers: {@code expires_on} in Go's {@code time.Time.String()} form, not RFC 3339. */
    private static Map<String, Object> certificateJson(Certificate certificate) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", certificate.id());
        result.put("certificate", certificate.pem());
        result.put("hostnames", certificate.hostnames());
        result.put("expires_on", goTimeString(certificate.expiresOn()));
        result.put("request_type", certificate.requestType());
        result.put("requested_validity", certificate.requestedValidity());
        result.put("csr", certificate.csr());
        return result;
    }

    /** Go's {@code time.Time.String()} of a UTC instant: {@code 2019-04-15 07:46:00 +0000 UTC}. */
    static String goTimeString(Instant instant) {
        java.time.OffsetDateTime utc = instant.atOffset(java.time.ZoneOffset.UTC);
        String fraction = utc.getNano() == 0 ? "" : ("." + String.format("%09d", utc.getNano())).replaceAll("0+$", "");
        return utc.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")) + fraction
                + " +0000 UTC";
    }

    private SimResponse revokeCertificate(SimRequest request) {
        Certificate certificate = certificates.get(request.pathParam("certificate_id"));
        if (certificate == null || certificate.revokedOn() != null) {
            return error(404, 1003, "Certificate not found.");
        }
        Instant now = config.clock().instant();
        certificates.put(
                certificate.id(),
                new Certificate(
                        certificate.id(),
                        certificate.pem(),
                        certificate.hostnames(),
                        certificate.expiresOn(),
                        certificate.requestType(),
                        certificate.requestedValidity(),
                        certificate.csr(),
                        now));
        return ok(Map.of("id", certificate.id(), "revoked_at", now.toString()));
    }

    private SimResponse getSetting(SimRequest request) {
        ZoneState zone = zones.get(request.pathParam("zone_id"));
        String id = request.pathParam("setting_id");
        Setting setting = zone.settings().get(id);
        return setting == null ? error(404, 1003, "Invalid or missing zone setting.") : ok(settingJson(id, setting));
    }

    private SimResponse patchSetting(SimRequest request) {
        ZoneState zone = zones.get(request.pathParam("zone_id"));
        String id = request.pathParam("setting_id");
        if (!zone.settings().containsKey(id)) {
            return error(404, 1003, "Invalid or missing zone setting.");
        }
        String value = request.json().path("value").asText("");
        if (!SETTING_VALUES.get(id).contains(value)) {
            return error(400, 1007, "Invalid value for zone setting " + id);
        }
        Setting setting = new Setting(value, config.clock().instant());
        zone.settings().put(id, setting);
        return ok(settingJson(id, setting));
    }

    private SimResponse listPageRules(SimRequest request) {
        ZoneState zone = zones.get(request.pathParam("zone_id"));
        return ok(zone.pageRules().values().stream()
                .map(CloudflareSimulator::pageRuleJson)
                .toList());
    }

    private SimResponse createPageRule(SimRequest request) {
        ZoneState zone = zones.get(request.pathParam("zone_id"));
        JsonNode body = request.json();
        if (!body.path("targets").isArray()
                || body.path("targets").isEmpty()
                || !body.path("actions").isArray()
                || body.path("actions").isEmpty()) {
            return error(400, 1004, "Page Rule validation failed: targets and actions are required.");
        }
        Instant now = config.clock().instant();
        ZoneSnapshot.PageRule rule = new ZoneSnapshot.PageRule(
                newId(),
                body.get("targets"),
                body.get("actions"),
                body.path("priority").asInt(1),
                body.path("status").asText("disabled"),
                now,
                now);
        zone.pageRules().put(rule.id(), rule);
        return ok(pageRuleJson(rule));
    }

    private SimResponse getPageRule(SimRequest request) {
        ZoneSnapshot.PageRule rule =
                zones.get(request.pathParam("zone_id")).pageRules().get(request.pathParam("pagerule_id"));
        return rule == null ? error(404, 1002, "Page rule not found.") : ok(pageRuleJson(rule));
    }

    private SimResponse deletePageRule(SimRequest request) {
        ZoneState zone = zones.get(request.pathParam("zone_id"));
        String id = request.pathParam("pagerule_id");
        return zone.pageRules().remove(id) == null ? error(404, 1002, "Page rule not found.") : ok(Map.of("id", id));
    }

    /** A KV route: the credential check, then the handler with the namespace, or Cloudflare's 404 without one. */
    private SimServer.Handler kvApi(java.util.function.BiFunction<KvSim.Namespace, SimRequest, SimResponse> handler) {
        return api(Scope.ACCOUNT, request -> {
            KvSim.Namespace namespace =
                    namespaces.get(request.pathParam("account_id")).get(request.pathParam("namespace_id"));
            return namespace == null ? error(404, 10013, "namespace not found") : handler.apply(namespace, request);
        });
    }

    private ZoneState zone(String name) {
        synchronized (lock) {
            return zones.values().stream()
                    .filter(z -> z.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no zone " + name));
        }
    }

    private Map<String, Object> zoneJson(ZoneState zone) {
        CloudflareSimConfig.Account account = accounts.get(zone.accountId());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", zone.id());
        json.put("name", zone.name());
        json.put("status", "active");
        json.put("paused", false);
        json.put("type", "full");
        json.put("development_mode", 0);
        json.put("name_servers", List.of("ada.ns.cloudflare.com", "bob.ns.cloudflare.com"));
        json.put("original_name_servers", null);
        json.put("original_registrar", null);
        json.put("original_dnshost", null);
        json.put("created_on", zone.createdOn().toString());
        json.put("modified_on", zone.createdOn().toString());
        json.put("activated_on", zone.createdOn().toString());
        json.put(
                "meta",
                Map.of("step", 2, "custom_certificate_quota", 0, "page_rule_quota", 3, "phishing_detected", false));
        json.put("owner", Map.of("id", config.userId(), "type", "user", "email", config.userEmail()));
        json.put("account", Map.of("id", account.id(), "name", account.name()));
        json.put("permissions", List.of("#zone:read", "#zone:edit", "#dns_records:edit"));
        json.put(
                "plan",
                Map.of(
                        "id",
                        "0feeeeeeeeeeeeeeeeeeeeeeeeeeeeee",
                        "name",
                        "Free Website",
                        "price",
                        0,
                        "currency",
                        "USD",
                        "frequency",
                        "",
                        "legacy_id",
                        "free",
                        "is_subscribed",
                        false,
                        "can_subscribe",
                        false));
        return json;
    }

    private static Map<String, Object> dnsJson(ZoneState zone, ZoneSnapshot.DnsRecord record) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", record.id());
        json.put("zone_id", zone.id());
        json.put("zone_name", zone.name());
        json.put("name", record.name());
        json.put("type", record.type());
        json.put("content", record.content());
        json.put(
                "proxiable",
                record.type().equals("A")
                        || record.type().equals("AAAA")
                        || record.type().equals("CNAME"));
        json.put("proxied", record.proxied());
        json.put("ttl", record.ttl());
        json.put("locked", false);
        if (record.comment() != null) {
            json.put("comment", record.comment());
        }
        json.put("tags", List.of());
        json.put(
                "meta",
                Map.of(
                        "auto_added",
                        false,
                        "managed_by_apps",
                        false,
                        "managed_by_argo_tunnel",
                        false,
                        "source",
                        "primary"));
        json.put("created_on", record.createdOn().toString());
        json.put("modified_on", record.modifiedOn().toString());
        return json;
    }

    private static Map<String, Object> namespaceJson(KvSim.Namespace namespace) {
        return Map.of("id", namespace.id(), "title", namespace.title(), "supports_url_encoding", true);
    }

    private static Map<String, Object> settingJson(String id, Setting setting) {
        return Map.of(
                "id",
                id,
                "value",
                setting.value(),
                "editable",
                true,
                "modified_on",
                setting.modifiedOn().toString());
    }

    private static Map<String, Object> pageRuleJson(ZoneSnapshot.PageRule rule) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", rule.id());
        json.put("targets", rule.targets());
        json.put("actions", rule.actions());
        json.put("priority", rule.priority());
        json.put("status", rule.status());
        json.put("created_on", rule.createdOn().toString());
        json.put("modified_on", rule.modifiedOn().toString());
        return json;
    }

    /** Cloudflare's page/per_page listing; {@code per_page} is capped by the config's {@code maxPerPage}. */
    private SimResponse paged(SimRequest request, List<?> items, int defaultPerPage) {
        int perPage = Math.max(1, Math.min(request.intQuery("per_page", defaultPerPage), config.maxPerPage()));
        int page = Math.max(1, request.intQuery("page", 1));
        int from = Math.min(items.size(), (page - 1) * perPage);
        List<?> slice = items.subList(from, Math.min(items.size(), from + perPage));
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("page", page);
        info.put("per_page", perPage);
        info.put("count", slice.size());
        info.put("total_count", items.size());
        info.put("total_pages", (items.size() + perPage - 1) / perPage);
        return SimResponse.json(200, envelope(true, List.of(), null, slice, info));
    }

    private static String fullName(String name, String zoneName) {
        String lower = name.toLowerCase();
        if (lower.equals("@") || lower.equals(zoneName)) {
            return zoneName;
        }
        return lower.endsWith("." + zoneName) ? lower : lower + "." + zoneName;
    }

    static SimResponse ok(Object result) {
        return SimResponse.json(200, envelope(true, List.of(), null, result));
    }

    static SimResponse error(int status, int code, String message) {
        return SimResponse.json(status, envelope(false, List.of(Map.of("code", code, "message", message)), null, null));
    }

    private static SimResponse noSuchObject(SimRequest request) {
        return error(
                404,
                7003,
                "Could not route to " + request.path().substring(BASE_PATH.length())
                        + ", perhaps your object identifier is invalid?");
    }

    private static Map<String, Object> envelope(
            boolean success, List<?> errors, Map<String, Object> message, Object result) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("success", success);
        envelope.put("errors", errors);
        envelope.put("messages", message == null ? List.of() : List.of(message));
        envelope.put("result", result);
        return envelope;
    }

    static Map<String, Object> envelope(
            boolean success,
            List<?> errors,
            Map<String, Object> message,
            Object result,
            Map<String, Object> resultInfo) {
        Map<String, Object> envelope = envelope(success, errors, message, result);
        envelope.put("result_info", resultInfo);
        return envelope;
    }

    private static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** A 32-hex id derived from {@code seed}, so sandbox ids survive restarts. */
    private static String stableId(String seed) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Cloudflare's wording for the errors the shared server produces. */
    private static final class CloudflareErrors implements ProviderErrors {
        @Override
        public SimResponse noRoute() {
            return error(400, 7000, "No route for that URI");
        }

        @Override
        public SimResponse badRequest(String message) {
            return error(400, 6007, "Malformed JSON in request body");
        }

        @Override
        public SimResponse internalError() {
            return error(500, 10001, "Internal server error");
        }

        @Override
        public SimResponse rateLimited(long retryAfterSeconds) {
            return error(429, 971, "Please wait and consider throttling your request speed")
                    .withHeader("Retry-After", Long.toString(retryAfterSeconds));
        }
    }
}
