package dev.xanthus.sandbox.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xanthus.sandbox.http.ProviderErrors;
import dev.xanthus.sandbox.http.SimJson;
import dev.xanthus.sandbox.http.SimRequest;
import dev.xanthus.sandbox.http.SimResponse;
import dev.xanthus.sandbox.http.SimServer;
import dev.xanthus.sandbox.ssh.MachineCloudSimulator;
import dev.xanthus.sandbox.ssh.SandboxServer;
import dev.xanthus.sandbox.ssh.SandboxServers;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * A wire-faithful Oracle Cloud Infrastructure region (Identity and Core Services, API 20160918) on the JDK HTTP
 * server. Every API request must carry a valid OCI request signature ({@link OciSignatures}) from a registered API
 * key; answers are OCI's camelCase JSON with {@code opc-request-id}, {@code ETag} on single resources,
 * {@code opc-next-page} pagination and OCI's error bodies {@code {"code":…,"message":…}}. Instances live through
 * OCI's lifecycle states on a timer, each backed by a sandbox server reachable over SSH on 127.0.0.1 once it runs
 * and the network (route to an internet gateway, security list allowing the port) lets the connection in.
 *
 * <p>Admin endpoints (besides {@link SimServer}'s faults and calls): {@code GET /__admin/identity},
 * {@code GET|POST /__admin/keys} ({@code {"tenancy","user","publicKeyPem"}}), {@code DELETE /__admin/keys?keyId=},
 * {@code GET /__admin/resources}, {@code POST /__admin/reset}, {@code GET /__admin/ssh/{ip}}, and
 * {@code POST /__admin/vms} ({@code {"authorized_keys":[…],"user":"ubuntu","hostname":…}} → 201
 * {@code {"ip","user","hostname","host_key_fingerprint"}}): a VM made outside Xanthus, a bare Ubuntu image to add
 * by its address (see {@link #createExistingVm}).
 */
public final class OciSimulator extends MachineCloudSimulator {

    public static final String API_VERSION = "/20160918";
    public static final String DEFAULT_REGION = "eu-frankfurt-1";
    /** The sandbox tenancy (also its root compartment) and user; fixed, so they survive restarts. */
    public static final String SANDBOX_TENANCY = ocid("tenancy", "xanthussandboxtenancy");

    public static final String SANDBOX_USER = ocid("user", "xanthussandboxuser");

    /**
     * How long things take: {@code provision} PROVISIONING → RUNNING, {@code transition} each step of a power action
     * (STOPPING → STOPPED, STARTING → RUNNING; a reset takes two), {@code terminate} TERMINATING → TERMINATED, and
     * how long terminated resources stay visible ({@code terminatedRetention}) before they answer 404.
     */
    public record Timings(Duration provision, Duration transition, Duration terminate, Duration terminatedRetention) {

        public static Timings defaults() {
            return new Timings(
                    Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofSeconds(4), Duration.ofHours(1));
        }

        /** Every step takes {@code each}; terminated resources stay visible for a minute. */
        public static Timings uniform(Duration each) {
            return new Timings(each, each, each, Duration.ofMinutes(1));
        }

        public Timings withTerminatedRetention(Duration retention) {
            return new Timings(provision, transition, terminate, retention);
        }
    }

    /**
     * Service limits per tenancy, counted over instances not yet TERMINATED: Always Free A1 (OCPUs and memory), the
     * number of E2.1.Micro instances, and OCPUs per paid shape. Exceeding one answers 400 LimitExceeded.
     */
    public record Limits(double a1Ocpus, double a1MemoryInGBs, int microInstances, double paidOcpusPerShape) {

        /** An Always Free account: 4 A1 OCPUs with 24 GB, two E2.1.Micro, a little paid capacity. */
        public static Limits freeTier() {
            return new Limits(4, 24, 2, 16);
        }

        public static Limits generous() {
            return new Limits(1000, 64_000, 1000, 1000);
        }
    }

    /** Where to listen, which region to be, how fast things live, and where the sandbox key is kept (null: memory). */
    public record Config(
            String host,
            int port,
            String region,
            Timings timings,
            Limits limits,
            SandboxServers.Config sandbox,
            Path keyDir) {

        /** {@code 127.0.0.1:8790}, eu-frankfurt-1, realistic delays, free-tier limits, a key generated in memory. */
        public static Config defaults() {
            return new Config(
                    "127.0.0.1",
                    8790,
                    DEFAULT_REGION,
                    Timings.defaults(),
                    Limits.freeTier(),
                    SandboxServers.Config.defaults(),
                    null);
        }

        public Config withPort(int otherPort) {
            return new Config(host, otherPort, region, timings, limits, sandbox, keyDir);
        }

        public Config withRegion(String otherRegion) {
            return new Config(host, port, otherRegion, timings, limits, sandbox, keyDir);
        }

        public Config withTimings(Timings otherTimings) {
            return new Config(host, port, region, otherTimings, limits, sandbox, keyDir);
        }

        public Config withLimits(Limits otherLimits) {
            return new Config(host, port, region, timings, otherLimits, sandbox, keyDir);
        }

        public Config withSandbox(SandboxServers.Config otherSandbox) {
            return new Config(host, port, region, timings, limits, otherSandbox, keyDir);
        }

        /** Keep the sandbox key (and its OCI CLI style config) in {@code dir}, so it survives restarts. */
        public Config withKeyDir(Path dir) {
            return new Config(host, port, region, timings, limits, sandbox, dir);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Config config;
    private final OciCatalog catalog;
    private final OciCloud cloud;
    private final OciSignatures signatures;
    private final SandboxKey sandboxKey;
    private final Map<String, ObjectNode> tenancies = new LinkedHashMap<>();
    private final Map<String, ObjectNode> users = new LinkedHashMap<>();
    private final Set<String> existingVms = ConcurrentHashMap.newKeySet();
    private final Map<String, RetryToken> retryTokens = new HashMap<>();

    private OciSimulator(Config config) {
        super(
                "oci",
                new SimServer(API_VERSION, new Errors()).finishing(OciSimulator::withRequestId),
                new SandboxServers(config.sandbox(), SandboxServers.BENCHMARK_RANGES));
        this.config = config;
        this.catalog = new OciCatalog(config.region());
        this.cloud = new OciCloud(catalog, sandboxes, config.timings(), config.limits(), scheduler);
        this.signatures = new OciSignatures(Clock.systemUTC());
        this.sandboxKey = config.keyDir() == null ? SandboxKey.generate() : SandboxKey.loadOrCreate(config.keyDir());
        if (config.keyDir() != null) {
            sandboxKey.writeConfig(config.keyDir(), SANDBOX_TENANCY, SANDBOX_USER, config.region());
        }
        registerKey(SANDBOX_TENANCY, SANDBOX_USER, sandboxKey.publicKey());
        routes();
        adminRoutes();
    }

    /** Starts the simulator and its sandbox-server registry; close it to stop both. */
    public static OciSimulator start(Config config) {
        return listen(new OciSimulator(config), config.host(), config.port());
    }

    /**
     * e.g. {@code http://127.0.0.1:8790}: what the OCI client takes as the base of every service ({@code OCI_API_BASE});
     * the API paths below it start with {@code /20160918}.
     */
    public URI baseUri() {
        return URI.create(http.baseUri().toString().replaceAll(API_VERSION + "$", ""));
    }

    public String region() {
        return config.region();
    }

    /** The API key of {@link #SANDBOX_TENANCY}/{@link #SANDBOX_USER}. */
    public SandboxKey sandboxKey() {
        return sandboxKey;
    }

    /** Where the sandbox key and its config are kept, if anywhere. */
    public Optional<Path> keyDir() {
        return Optional.ofNullable(config.keyDir());
    }

    /**
     * Lets {@code key} sign for {@code user} in {@code tenancy} (both created when new, the tenancy with this region
     * as its home); answers the key's fingerprint.
     */
    public synchronized String registerKey(String tenancy, String user, PublicKey key) {
        String fingerprint = SandboxKey.fingerprint(key);
        signatures.register(tenancy, user, fingerprint, key);
        tenancies.computeIfAbsent(tenancy, this::tenancyJson);
        users.computeIfAbsent(user, id -> userJson(id, tenancy));
        return fingerprint;
    }

    /**
     * Where {@code publicIp:22} reaches from this machine (127.0.0.1 and the sandbox server's sshd port), when the
     * instance runs and OCI's network would let an SSH connection in.
     */
    public Optional<InetSocketAddress> sshAddress(String publicIp) {
        return sshAddress(publicIp, 22);
    }

    public Optional<InetSocketAddress> sshAddress(String publicIp, int port) {
        return cloud.reachable(publicIp, port)
                .or(() -> existingVms.contains(publicIp)
                        ? sandboxes
                                .find(publicIp)
                                .filter(SandboxServer::isPoweredOn)
                                .map(SandboxServer::sshAddress)
                        : Optional.empty());
    }

    /**
     * A VM someone runs outside Xanthus (an Oracle Cloud instance made in the console): a bare Ubuntu image that lets
     * {@code user} (with passwordless sudo) in with {@code authorizedKeys}, with nothing set up. Reachable through
     * {@link #sshAddress} like an instance; {@link #reset} removes it.
     */
    public SandboxServer createExistingVm(String hostname, List<String> authorizedKeys, String user) {
        SandboxServer vm = sandboxes.createBare(hostname, authorizedKeys, user);
        existingVms.add(vm.ip());
        return vm;
    }

    /** The sandbox server behind an instance, until it terminates. */
    public Optional<SandboxServer> sandboxServer(String instanceId) {
        return cloud.sandbox(instanceId);
    }

    /** Every simulated resource by kind ({@code instances}, {@code vcns}, {@code subnets}, …), terminated included. */
    public JsonNode resources() {
        return cloud.snapshot();
    }

    /** Forgets every resource and sandbox server, the call counters and the faults; keys stay registered. */
    public void reset() {
        existingVms.forEach(sandboxes::delete);
        existingVms.clear();
        cloud.reset();
        synchronized (retryTokens) {
            retryTokens.clear();
        }
        http.resetCalls();
        http.faults().clear();
    }

    private void routes() {
        // Identity
        http.route("GET", "/users/{userId}", authed((caller, r) -> single(user(caller, r.pathParam("userId")))));
        http.route(
                "GET",
                "/tenancies/{tenancyId}",
                authed((caller, r) -> single(tenancy(caller, r.pathParam("tenancyId")))));
        http.route("GET", "/tenancies/{tenancyId}/regionSubscriptions", authed((caller, r) -> {
            tenancy(caller, r.pathParam("tenancyId"));
            ArrayNode regions = SimJson.MAPPER.createArrayNode();
            regions.addObject()
                    .put("regionKey", OciCatalog.regionKey(config.region()))
                    .put("regionName", config.region())
                    .put("status", "READY")
                    .put("isHomeRegion", true);
            return SimResponse.json(200, regions);
        }));
        // The sandbox tenancy has no compartments below its root (the root itself is never listed, as at OCI).
        http.route("GET", "/compartments", authed((caller, r) -> {
            compartmentOf(caller, r);
            r.query("accessLevel")
                    .filter(level -> !level.equals("ANY") && !level.equals("ACCESSIBLE"))
                    .ifPresent(level -> {
                        throw OciError.invalid("accessLevel must be ANY or ACCESSIBLE");
                    });
            return page(r, List.of());
        }));
        for (String path : List.of("/availabilityDomains", "/availabilityDomains/")) {
            http.route("GET", path, authed((caller, r) -> {
                String compartmentId = requiredQuery(r, "compartmentId");
                if (!compartmentId.equals(caller.tenancy())) {
                    throw OciError.notFound("compartment " + compartmentId);
                }
                ArrayNode domains = SimJson.MAPPER.createArrayNode();
                for (String name : catalog.availabilityDomains()) {
                    domains.addObject()
                            .put("name", name)
                            .put("id", "ocid1.availabilitydomain.oc1.." + OciIds.stable(name))
                            .put("compartmentId", compartmentId);
                }
                return SimResponse.json(200, domains);
            }));
        }

        // Compute
        http.route("GET", "/shapes", authed((caller, r) -> {
            compartmentOf(caller, r);
            r.query("availabilityDomain")
                    .filter(ad -> !catalog.availabilityDomains().contains(ad))
                    .ifPresent(ad -> {
                        throw OciError.invalid("Invalid availabilityDomain: " + ad);
                    });
            Optional<OciCatalog.Image> image =
                    r.query("imageId").map(id -> catalog.image(id).orElseThrow(() -> OciError.notFound("image " + id)));
            return page(
                    r,
                    catalog.shapes().stream()
                            .filter(s -> image.map(i -> i.architecture().equals(s.architecture()))
                                    .orElse(true))
                            .map(s -> (JsonNode) s.json().deepCopy())
                            .toList());
        }));
        http.route("GET", "/images", authed((caller, r) -> page(r, images(caller, r))));
        http.route(
                "GET",
                "/images/{imageId}",
                authed((caller, r) -> single(catalog.image(r.pathParam("imageId"))
                        .map(i -> i.json().deepCopy())
                        .orElseThrow(() -> OciError.notFound("image " + r.pathParam("imageId"))))));
        for (String path : List.of("/instances", "/instances/")) {
            http.route("POST", path, idempotent((caller, r) -> single(cloud.launch(caller.tenancy(), r.json()))
                    .withHeader(WORK_REQUEST_HEADER, workRequestId())));
            http.route(
                    "GET",
                    path,
                    authed((caller, r) -> page(
                            r,
                            cloud.instances(
                                    caller.tenancy(),
                                    requiredQuery(r, "compartmentId"),
                                    r.query("availabilityDomain"),
                                    r.query("displayName"),
                                    r.query("lifecycleState")))));
        }
        http.route(
                "GET",
                "/instances/{instanceId}",
                authed((caller, r) -> single(cloud.instance(caller.tenancy(), r.pathParam("instanceId")))));
        http.route(
                "POST",
                "/instances/{instanceId}",
                authed((caller, r) ->
                        single(cloud.action(caller.tenancy(), r.pathParam("instanceId"), requiredQuery(r, "action")))));
        http.route("DELETE", "/instances/{instanceId}", authed((caller, r) -> {
            cloud.terminate(caller.tenancy(), r.pathParam("instanceId"), r.header("If-Match"));
            return noContent().withHeader(WORK_REQUEST_HEADER, workRequestId());
        }));
        for (String path : List.of("/vnicAttachments", "/vnicAttachments/")) {
            http.route(
                    "GET",
                    path,
                    authed((caller, r) -> page(
                            r,
                            cloud.vnicAttachments(
                                    caller.tenancy(),
                                    requiredQuery(r, "compartmentId"),
                                    r.query("instanceId"),
                                    r.query("vnicId")))));
        }
        http.route(
                "GET",
                "/vnics/{vnicId}",
                authed((caller, r) -> single(cloud.get(OciCloud.Kind.VNIC, caller.tenancy(), r.pathParam("vnicId")))));

        // Networking
        networkRoutes(OciCloud.Kind.VCN, "vcnId", cloud::createVcn, cloud::deleteVcn);
        networkRoutes(
                OciCloud.Kind.INTERNET_GATEWAY, "igId", cloud::createInternetGateway, cloud::deleteInternetGateway);
        // Only the default route table of each VCN exists here, made and deleted with it; its rules can be replaced.
        readRoutes(OciCloud.Kind.ROUTE_TABLE, "rtId");
        http.route(
                "PUT",
                "/routeTables/{rtId}",
                authed((caller, r) -> single(cloud.updateRouteTable(
                        caller.tenancy(), r.pathParam("rtId"), r.json(), r.header("If-Match")))));
        networkRoutes(
                OciCloud.Kind.SECURITY_LIST, "securityListId", cloud::createSecurityList, cloud::deleteSecurityList);
        http.route(
                "PUT",
                "/securityLists/{securityListId}",
                authed((caller, r) -> single(cloud.updateSecurityList(
                        caller.tenancy(), r.pathParam("securityListId"), r.json(), r.header("If-Match")))));
        networkRoutes(OciCloud.Kind.SUBNET, "subnetId", cloud::createSubnet, cloud::deleteSubnet);
    }

    private interface Create {
        ObjectNode create(String tenancy, JsonNode request);
    }

    private interface Delete {
        void delete(String tenancy, String id, Optional<String> ifMatch);
    }

    /** {@link #readRoutes}, then {@code POST /{kind}} and {@code DELETE /{kind}/{id}}. */
    private void networkRoutes(OciCloud.Kind kind, String idParam, Create create, Delete delete) {
        readRoutes(kind, idParam);
        http.route(
                "POST",
                "/" + kind.collection,
                idempotent((caller, r) -> single(create.create(caller.tenancy(), r.json()))));
        http.route("DELETE", "/" + kind.collection + "/{" + idParam + "}", authed((caller, r) -> {
            delete.delete(caller.tenancy(), r.pathParam(idParam), r.header("If-Match"));
            return noContent();
        }));
    }

    /**
     * {@code GET /{kind}} (by {@code vcnId} too, for what lives in a VCN) and {@code GET /{kind}/{idParam}}; each kind
     * keeps its own name for the id, as the call counters are keyed by route.
     */
    private void readRoutes(OciCloud.Kind kind, String idParam) {
        http.route(
                "GET",
                "/" + kind.collection,
                authed((caller, r) -> page(
                        r,
                        cloud.list(
                                kind,
                                caller.tenancy(),
                                requiredQuery(r, "compartmentId"),
                                kind == OciCloud.Kind.VCN ? Optional.empty() : r.query("vcnId")))));
        http.route(
                "GET",
                "/" + kind.collection + "/{" + idParam + "}",
                authed((caller, r) -> single(cloud.get(kind, caller.tenancy(), r.pathParam(idParam)))));
    }

    private void adminRoutes() {
        http.adminRoute(
                "GET",
                "/identity",
                r -> SimResponse.json(
                        200,
                        Map.of(
                                "tenancy",
                                SANDBOX_TENANCY,
                                "user",
                                SANDBOX_USER,
                                "fingerprint",
                                sandboxKey.fingerprint(),
                                "region",
                                config.region(),
                                "keyDir",
                                config.keyDir() == null
                                        ? ""
                                        : config.keyDir().toAbsolutePath().toString())));
        http.adminRoute("GET", "/keys", r -> SimResponse.json(200, signatures.keyIds()));
        http.adminRoute("POST", "/keys", r -> {
            JsonNode spec = r.json();
            String tenancy = spec.path("tenancy").asText("");
            String user = spec.path("user").asText("");
            if (tenancy.isBlank() || user.isBlank()) {
                return SimResponse.json(400, Map.of("error", "tenancy, user and publicKeyPem are required"));
            }
            PublicKey key;
            try {
                key = SandboxKey.readPublicKey(spec.path("publicKeyPem").asText(""));
            } catch (IllegalArgumentException e) {
                return SimResponse.json(400, Map.of("error", e.getMessage()));
            }
            String fingerprint = registerKey(tenancy, user, key);
            return SimResponse.json(
                    201, Map.of("keyId", tenancy + "/" + user + "/" + fingerprint, "fingerprint", fingerprint));
        });
        http.adminRoute(
                "DELETE",
                "/keys",
                r -> SimResponse.json(
                        200,
                        Map.of("removed", signatures.unregister(r.query("keyId").orElse("")))));
        http.adminRoute("GET", "/resources", r -> SimResponse.json(200, resources()));
        http.adminRoute("POST", "/reset", r -> {
            reset();
            return SimResponse.json(200, Map.of("ok", true));
        });
        http.adminRoute("POST", "/vms", r -> {
            JsonNode spec = r.json();
            String user = spec.path("user").asText("ubuntu");
            String hostname = spec.path("hostname").asText("instance-" + (existingVms.size() + 1));
            List<String> keys = new ArrayList<>();
            JsonNode given = spec.path("authorized_keys");
            if (given.isArray()) {
                given.forEach(k -> keys.add(k.asText()));
            } else if (given.isTextual()) {
                for (String line : given.asText().split("\n")) {
                    if (!line.isBlank()) {
                        keys.add(line.trim());
                    }
                }
            }
            if (keys.isEmpty()
                    || !user.matches("[a-z_][a-z0-9_-]{0,31}")
                    || !hostname.matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")) {
                return SimResponse.json(
                        400,
                        Map.of(
                                "error",
                                "authorized_keys (OpenSSH lines) is required; user is a Linux user name; hostname an RFC 1123 label"));
            }
            SandboxServer vm;
            try {
                vm = createExistingVm(hostname, keys, user);
            } catch (IllegalArgumentException e) {
                return SimResponse.json(
                        400, Map.of("error", "authorized_keys holds a line that is not an OpenSSH public key"));
            }
            return SimResponse.json(
                    201,
                    Map.of(
                            "ip",
                            vm.ip(),
                            "user",
                            user,
                            "hostname",
                            hostname,
                            "host_key_fingerprint",
                            vm.hostKeyFingerprint()));
        });
        http.adminRoute("GET", "/ssh/{ip}", r -> sandboxes
                .find(r.pathParam("ip"))
                .map(s -> {
                    Optional<InetSocketAddress> reachable = sshAddress(s.ip());
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("host", s.sshAddress().getHostString());
                    body.put("port", s.sshAddress().getPort());
                    body.put("host_key_fingerprint", s.hostKeyFingerprint());
                    body.put("login_user", s.loginUser());
                    body.put("reachable", reachable.isPresent());
                    return SimResponse.json(200, body);
                })
                .orElseGet(() ->
                        OciError.notFound("public IP " + r.pathParam("ip")).response()));
    }

    /** Verifies the request signature, then runs the handler; {@link OciError}s become OCI's error answers. */
    /**
     * A create that honours {@code opc-retry-token}: the first request with a token is carried out and its answer kept;
     * a repeat (same tenancy, route and body) gets that answer again and creates nothing, so a client may resend a
     * create whose answer it lost. The same token with another route or body is refused with 409. OCI keeps tokens
     * for 24 hours; here until {@link #reset()}.
     */
    private SimServer.Handler idempotent(BiFunction<OciSignatures.Caller, SimRequest, SimResponse> create) {
        return authed((caller, r) -> {
            Optional<String> token = r.header("opc-retry-token");
            if (token.isEmpty()) {
                return create.apply(caller, r);
            }
            if (token.get().isBlank() || token.get().length() > 64) {
                throw OciError.invalid("opc-retry-token must have 1 to 64 characters");
            }
            String key = caller.tenancy() + " " + token.get();
            String request = r.route() + " " + HexFormat.of().formatHex(sha256(r.body()));
            synchronized (retryTokens) {
                RetryToken seen = retryTokens.get(key);
                if (seen != null) {
                    if (!seen.request().equals(request)) {
                        throw OciError.conflict("The retry token was already used for a different request.");
                    }
                    return seen.response();
                }
                SimResponse response = create.apply(caller, r);
                if (response.status() / 100 == 2) {
                    retryTokens.put(key, new RetryToken(request, response));
                }
                return response;
            }
        });
    }

    private record RetryToken(String request, SimResponse response) {}

    private static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private SimServer.Handler authed(BiFunction<OciSignatures.Caller, SimRequest, SimResponse> handler) {
        return request -> {
            try {
                OciSignatures.Caller caller = signatures.verify(request);
                return handler.apply(caller, request);
            } catch (OciError e) {
                return e.response();
            }
        };
    }

    private synchronized ObjectNode user(OciSignatures.Caller caller, String userId) {
        ObjectNode user = users.get(userId);
        if (user == null || !user.path("compartmentId").asText().equals(caller.tenancy())) {
            throw OciError.notFound("user " + userId);
        }
        return user.deepCopy();
    }

    private synchronized ObjectNode tenancy(OciSignatures.Caller caller, String tenancyId) {
        ObjectNode tenancy = tenancies.get(tenancyId);
        if (tenancy == null || !tenancyId.equals(caller.tenancy())) {
            throw OciError.notFound("tenancy " + tenancyId);
        }
        return tenancy.deepCopy();
    }

    private static String compartmentOf(OciSignatures.Caller caller, SimRequest request) {
        String compartmentId = requiredQuery(request, "compartmentId");
        if (!compartmentId.equals(caller.tenancy())) {
            throw OciError.notFound("compartment " + compartmentId);
        }
        return compartmentId;
    }

    /** Platform images filtered like OCI does, sorted by {@code sortBy}/{@code sortOrder} (default newest first). */
    private List<JsonNode> images(OciSignatures.Caller caller, SimRequest r) {
        compartmentOf(caller, r);
        Optional<OciCatalog.Shape> shape = r.query("shape")
                .map(name -> catalog.shape(name).orElseThrow(() -> OciError.invalid("Invalid shape: " + name)));
        String sortBy = r.query("sortBy").orElse("TIMECREATED").toUpperCase(Locale.ROOT);
        if (!sortBy.equals("TIMECREATED") && !sortBy.equals("DISPLAYNAME")) {
            throw OciError.invalid("sortBy must be TIMECREATED or DISPLAYNAME");
        }
        String sortOrder = r.query("sortOrder")
                .orElse(sortBy.equals("TIMECREATED") ? "DESC" : "ASC")
                .toUpperCase(Locale.ROOT);
        Comparator<OciCatalog.Image> order = sortBy.equals("TIMECREATED")
                ? Comparator.comparing(OciCatalog.Image::created)
                : Comparator.comparing(i -> i.json().path("displayName").asText());
        if (sortOrder.equals("DESC")) {
            order = order.reversed();
        }
        return catalog.images().stream()
                .filter(i -> r.query("operatingSystem")
                        .map(i.json().path("operatingSystem").asText()::equals)
                        .orElse(true))
                .filter(i -> r.query("operatingSystemVersion")
                        .map(i.json().path("operatingSystemVersion").asText()::equals)
                        .orElse(true))
                .filter(i -> r.query("displayName")
                        .map(i.json().path("displayName").asText()::equals)
                        .orElse(true))
                .filter(i -> shape.map(s -> s.architecture().equals(i.architecture()))
                        .orElse(true))
                .sorted(order)
                .map(i -> (JsonNode) i.json().deepCopy())
                .toList();
    }

    private static String requiredQuery(SimRequest request, String name) {
        return request.query(name).orElseThrow(() -> OciError.missing(name));
    }

    private static SimResponse single(JsonNode resource) {
        return SimResponse.json(200, resource).withHeader("ETag", OciCloud.etag(resource));
    }

    /**
     * LaunchInstance and TerminateInstance name the work request that carries them out (the SDK's
     * {@code opcWorkRequestId}); the simulator has no work-request API behind the id.
     */
    private static final String WORK_REQUEST_HEADER = "opc-work-request-id";

    private String workRequestId() {
        return OciIds.regional("coreservicesworkrequest", config.region());
    }

    private static SimResponse noContent() {
        return new SimResponse(204, Map.of(), new byte[0], false);
    }

    /**
     * One page of {@code items}: {@code limit} (default 100, at most 1000) from the opaque {@code page} token on, and
     * {@code opc-next-page} when more follow.
     */
    private static SimResponse page(SimRequest request, List<? extends JsonNode> items) {
        int limit = request.intQuery("limit", 100);
        if (limit < 1 || limit > 1000) {
            throw OciError.invalid("limit must be between 1 and 1000");
        }
        int offset = request.query("page").map(OciSimulator::offset).orElse(0);
        ArrayNode array = SimJson.MAPPER.createArrayNode();
        items.stream().skip(offset).limit(limit).forEach(array::add);
        SimResponse response = SimResponse.json(200, array);
        if (offset + limit < items.size()) {
            response = response.withHeader("opc-next-page", pageToken(offset + limit));
        }
        return response;
    }

    private static String pageToken(int offset) {
        return "AAAAAA" + HexFormat.of().toHexDigits(offset) + "sim";
    }

    private static int offset(String token) {
        if (!token.matches("AAAAAA[0-9a-f]{8}sim")) {
            throw OciError.invalid("Invalid page token");
        }
        return HexFormat.fromHexDigits(token.substring(6, 14));
    }

    /** Every answer carries an {@code opc-request-id}, as OCI's do. */
    private static SimResponse withRequestId(SimResponse response) {
        if (response.headers().containsKey("opc-request-id")) {
            return response;
        }
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String hex = HexFormat.of().withUpperCase().formatHex(bytes);
        return response.withHeader("opc-request-id", hex.substring(0, 32) + "/" + hex.substring(32));
    }

    private ObjectNode tenancyJson(String id) {
        ObjectNode tenancy = SimJson.MAPPER
                .createObjectNode()
                .put("id", id)
                .put(
                        "name",
                        id.equals(SANDBOX_TENANCY) ? "xanthus-sandbox" : "tenancy-" + id.substring(id.length() - 6))
                .put("description", "Simulated tenancy")
                .put("homeRegionKey", OciCatalog.regionKey(config.region()))
                .putNull("upiIdcsCompatibilityLayerEndpoint");
        tenancy.putObject("freeformTags");
        tenancy.putObject("definedTags");
        return tenancy;
    }

    private static ObjectNode userJson(String id, String tenancy) {
        String name = id.equals(SANDBOX_USER) ? "sandbox@xanthus.dev" : "user-" + id.substring(id.length() - 6);
        ObjectNode user = SimJson.MAPPER
                .createObjectNode()
                .put("id", id)
                .put("compartmentId", tenancy)
                .put("name", name)
                .put("description", "Simulated user")
                .put("email", name.contains("@") ? name : null)
                .put("emailVerified", true)
                .put("lifecycleState", "ACTIVE")
                .put("isMfaActivated", false)
                .put("timeCreated", OciCloud.timestamp(Instant.parse("2025-01-15T09:30:00.000Z")));
        user.putObject("capabilities")
                .put("canUseConsolePassword", true)
                .put("canUseApiKeys", true)
                .put("canUseAuthTokens", true)
                .put("canUseSmtpCredentials", true)
                .put("canUseCustomerSecretKeys", true)
                .put("canUseOAuth2ClientCredentials", true)
                .put("canUseDbCredentials", true);
        user.putObject("freeformTags");
        user.putObject("definedTags");
        return user;
    }

    private static String ocid(String type, String marker) {
        StringBuilder unique = new StringBuilder("aaaaaaaa").append(marker);
        while (unique.length() < 60) {
            unique.append('a');
        }
        return "ocid1." + type + ".oc1.." + unique;
    }

    /** The errors the shared HTTP layer produces, worded as OCI words them. */
    private static final class Errors implements ProviderErrors {
        @Override
        public SimResponse noRoute() {
            return OciError.response(404, "NotFound", "Not Found");
        }

        @Override
        public SimResponse badRequest(String message) {
            return OciError.response(400, "InvalidParameter", message);
        }

        @Override
        public SimResponse internalError() {
            return OciError.response(500, "InternalServerError", "Internal server error");
        }

        @Override
        public SimResponse rateLimited(long retryAfterSeconds) {
            return OciError.response(429, "TooManyRequests", "Too many requests for the user")
                    .withHeader("Retry-After", Long.toString(retryAfterSeconds));
        }
    }
}
