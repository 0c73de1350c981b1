package dev.xanthus.sandbox.hetzner;

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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A wire-faithful Hetzner Cloud API v1 on the JDK HTTP server: servers with a real life (each one a sandbox server
 * reachable over SSH on 127.0.0.1), actions, locations, server types (with per-location availability), images, SSH
 * keys and pricing, with Hetzner's errors, pagination and rate-limit headers. The data-center endpoints answer
 * {@code 410 Gone} as Hetzner's have since 2026-10-01. Faults and call counters come from {@link SimServer}. Besides
 * the configured token, read-only tokens ({@link #addReadOnlyToken}, {@code POST /__admin/tokens {"token":…,
 * "read_only":true}}) may only GET: any other method answers {@code 401 token_readonly} before its body is looked at.
 */
public final class HetznerSimulator extends MachineCloudSimulator {

    public static final String DEFAULT_TOKEN = "xanthus_sandbox_hetzner_token";
    /** The changelog entry Hetzner's 410 for {@code /datacenters} links. */
    public static final String DATACENTERS_REMOVED =
            "https://docs.hetzner.cloud/changelog#2026-06-02-datacenters-deprecated";

    static final long RATE_LIMIT = 3600;

    /**
     * How long things take: {@code boot} initializing → starting (and the create action), {@code start} starting →
     * running, {@code action} for power actions and deletes.
     */
    public record Timings(Duration boot, Duration start, Duration action) {

        public static Timings defaults() {
            return new Timings(Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofSeconds(2));
        }

        public static Timings uniform(Duration each) {
            return new Timings(each, each, each);
        }
    }

    /** Where to listen, which token to accept, how fast servers live, and how their sandbox servers behave. */
    public record Config(String host, int port, String token, Timings timings, SandboxServers.Config sandbox) {

        /** {@code 127.0.0.1:8788}, the sandbox token, realistic delays. */
        public static Config defaults() {
            return new Config("127.0.0.1", 8788, DEFAULT_TOKEN, Timings.defaults(), SandboxServers.Config.defaults());
        }

        public Config withPort(int otherPort) {
            return new Config(host, otherPort, token, timings, sandbox);
        }

        public Config withToken(String otherToken) {
            return new Config(host, port, otherToken, timings, sandbox);
        }

        public Config withTimings(Timings otherTimings) {
            return new Config(host, port, token, otherTimings, sandbox);
        }

        public Config withSandbox(SandboxServers.Config otherSandbox) {
            return new Config(host, port, token, timings, otherSandbox);
        }
    }

    private final byte[] tokenDigest;
    private final java.util.Set<String> readOnlyTokens = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Catalog catalog = Catalog.load();
    private final HetznerCloud cloud;
    private final RateLimit rateLimit = new RateLimit();

    private HetznerSimulator(Config config) {
        super("hetzner", new SimServer("/v1", new Errors()), new SandboxServers(config.sandbox()));
        this.tokenDigest = sha256(config.token());
        this.cloud = new HetznerCloud(catalog, sandboxes, config.timings(), scheduler);
        http.finishing(rateLimit::decorate);
        routes();
    }

    /** Starts the simulator and its sandbox-server registry; close it to stop both. */
    public static HetznerSimulator start(Config config) {
        return listen(new HetznerSimulator(config), config.host(), config.port());
    }

    /** Accepts {@code token} from now on as a read-only project token (Hetzner's "Read" permission). */
    public void addReadOnlyToken(String token) {
        readOnlyTokens.add(token);
    }

    /** e.g. {@code http://127.0.0.1:8788/v1}: what the Hetzner client takes as its base URL. */
    public URI baseUri() {
        return http.baseUri();
    }

    /** Where a server's public IPv4 is reachable over SSH from this machine: 127.0.0.1 and its sshd port. */
    public Optional<InetSocketAddress> sshAddress(String ip) {
        return sandboxes.resolve(ip);
    }

    /** The sandbox server behind a Hetzner server id, while the server exists. */
    public Optional<SandboxServer> sandboxServer(long serverId) {
        return cloud.sandbox(serverId);
    }

    private void routes() {
        http.route(
                "GET",
                "/servers",
                authed(r -> list(
                        r,
                        "servers",
                        sorted(
                                r,
                                cloud.servers(selector(r), r.query("name"), r.query("status")),
                                "id",
                                "name",
                                "created"))));
        http.route("POST", "/servers", authed(r -> SimResponse.json(201, cloud.create(r.json()))));
        http.route("GET", "/servers/{id}", authed(r -> wrap(200, "server", cloud.server(id(r)))));
        http.route("DELETE", "/servers/{id}", authed(r -> wrap(200, "action", cloud.delete(id(r)))));
        for (String verb : List.of("poweron", "poweroff", "shutdown", "reboot")) {
            http.route(
                    "POST",
                    "/servers/{id}/actions/" + verb,
                    authed(r -> wrap(201, "action", cloud.power(id(r), verb))));
        }
        http.route("GET", "/servers/{id}/actions", authed(r -> list(r, "actions", cloud.serverActions(id(r)))));
        http.route("GET", "/actions/{id}", authed(r -> wrap(200, "action", cloud.action(id(r)))));
        // What every `hcloud … --wait` polls; listing all actions (no id) was removed by Hetzner on 2025-01-30.
        // Its answer has no meta.pagination (the spec forbids it there).
        http.route("GET", "/actions", authed(r -> {
            ObjectNode body = SimJson.MAPPER.createObjectNode();
            cloud.actions(ids(r)).forEach(body.putArray("actions")::add);
            return SimResponse.json(200, body);
        }));
        http.route(
                "GET",
                "/locations",
                authed(r -> list(r, "locations", sorted(r, named(catalog.locations(), r), "id", "name"))));
        http.route(
                "GET", "/locations/{id}", authed(r -> wrap(200, "location", byId(catalog.locations(), r, "location"))));
        for (String removed : List.of("/datacenters", "/datacenters/{id}")) {
            http.route("GET", removed, authed(r -> {
                throw HetznerError.removed(DATACENTERS_REMOVED);
            }));
        }
        // Spec 05 gives GET /server_types no `sort`; the hcloud CLI sends `sort=id:asc` anyway, and it is ignored here.
        http.route("GET", "/server_types", authed(r -> list(r, "server_types", named(catalog.serverTypes(), r))));
        http.route(
                "GET",
                "/server_types/{id}",
                authed(r -> wrap(200, "server_type", byId(catalog.serverTypes(), r, "server type"))));
        // No image is deprecated in the catalog, so `include_deprecated` (sent by the hcloud CLI) changes nothing.
        http.route(
                "GET",
                "/images",
                authed(r -> list(
                        r,
                        "images",
                        sorted(
                                r,
                                catalog.images().stream()
                                        .filter(i -> r.query("name")
                                                .map(i.path("name").asText()::equals)
                                                .orElse(true))
                                        .filter(i -> r.query("architecture")
                                                .map(i.path("architecture").asText()::equals)
                                                .orElse(true))
                                        .filter(i -> r.query("type")
                                                .map(i.path("type").asText()::equals)
                                                .orElse(true))
                                        .toList(),
                                "id",
                                "name",
                                "created"))));
        http.route("GET", "/images/{id}", authed(r -> wrap(200, "image", byId(catalog.images(), r, "image"))));
        http.route(
                "GET",
                "/ssh_keys",
                authed(r -> list(
                        r,
                        "ssh_keys",
                        sorted(r, cloud.sshKeys(selector(r), r.query("name"), r.query("fingerprint")), "id", "name"))));
        http.route("POST", "/ssh_keys", authed(r -> wrap(201, "ssh_key", cloud.createSshKey(r.json()))));
        http.route("GET", "/ssh_keys/{id}", authed(r -> wrap(200, "ssh_key", cloud.sshKey(id(r)))));
        http.route("PUT", "/ssh_keys/{id}", authed(r -> wrap(200, "ssh_key", cloud.updateSshKey(id(r), r.json()))));
        http.route("DELETE", "/ssh_keys/{id}", authed(r -> {
            cloud.deleteSshKey(id(r));
            return new SimResponse(204, Map.of(), new byte[0], false);
        }));
        http.route("GET", "/pricing", authed(r -> wrap(200, "pricing", catalog.pricing())));
        http.adminRoute("POST", "/tokens", r -> {
            String token = r.json().path("token").asText("");
            if (token.isEmpty() || !r.json().path("read_only").asBoolean(false)) {
                return SimResponse.json(400, Map.of("error", "expected {\"token\":…, \"read_only\":true}"));
            }
            addReadOnlyToken(token);
            return SimResponse.json(200, Map.of("ok", true));
        });
        http.adminRoute("GET", "/ssh/{ip}", r -> sandboxes
                .find(r.pathParam("ip"))
                .map(s -> SimResponse.json(
                        200,
                        Map.of(
                                "host",
                                s.sshAddress().getHostString(),
                                "port",
                                s.sshAddress().getPort(),
                                "host_key_fingerprint",
                                s.hostKeyFingerprint())))
                .orElseGet(() -> HetznerError.notFound("server").response()));
    }

    /** Checks the Bearer token (in constant time), and turns {@link HetznerError}s into Hetzner's error answers. */
    private SimServer.Handler authed(Function<SimRequest, SimResponse> handler) {
        return request -> {
            String presented = request.header("Authorization")
                    .filter(h -> h.startsWith("Bearer "))
                    .map(h -> h.substring("Bearer ".length()))
                    .orElse("");
            boolean readOnly = readOnlyTokens.contains(presented);
            if (!readOnly && !MessageDigest.isEqual(tokenDigest, sha256(presented))) {
                return HetznerError.unauthorized().response();
            }
            // The permission is checked on the method alone, so a read-only token is refused before input validation.
            if (readOnly && !request.method().equals("GET")) {
                return HetznerError.tokenReadOnly().response();
            }
            try {
                return handler.apply(request);
            } catch (HetznerError e) {
                return e.response();
            }
        };
    }

    private static long id(SimRequest request) {
        try {
            return Long.parseLong(request.pathParam("id"));
        } catch (NumberFormatException e) {
            throw HetznerError.invalidInput("id", "must be an integer");
        }
    }

    /** Every {@code id} query value (Hetzner takes the parameter repeatedly); at least one is required. */
    private static List<Long> ids(SimRequest request) {
        List<Long> ids = new ArrayList<>();
        for (String value : queryValues(request, "id")) {
            try {
                ids.add(Long.parseLong(value));
            } catch (NumberFormatException e) {
                throw HetznerError.invalidInput("id", "must be an integer");
            }
        }
        if (ids.isEmpty()) {
            throw HetznerError.invalidInput("id", "Missing data for required field.");
        }
        return ids;
    }

    /** All values of a repeatable query parameter, in order ({@link SimRequest#query} keeps only one). */
    private static List<String> queryValues(SimRequest request, String name) {
        String raw = request.rawTarget();
        int q = raw.indexOf('?');
        List<String> values = new ArrayList<>();
        if (q >= 0) {
            for (String pair : raw.substring(q + 1).split("&")) {
                if (pair.startsWith(name + "=")) {
                    values.add(URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    /**
     * Hetzner's {@code sort}: repeatable {@code field}, {@code field:asc} or {@code field:desc}, the first one deciding
     * first, over the fields spec 05 lists for the endpoint; any other value is refused (ours: the spec's enum).
     */
    private static List<JsonNode> sorted(SimRequest request, List<JsonNode> items, String... fields) {
        Comparator<JsonNode> order = null;
        for (String sort : queryValues(request, "sort")) {
            String[] parts = sort.split(":", 2);
            String direction = parts.length == 2 ? parts[1] : "asc";
            if (!List.of(fields).contains(parts[0]) || !List.of("asc", "desc").contains(direction)) {
                throw HetznerError.invalidInput("sort", "invalid sort value: " + sort);
            }
            Comparator<JsonNode> by = parts[0].equals("id")
                    ? Comparator.comparingLong(i -> i.path("id").asLong())
                    : Comparator.comparing(i -> i.path(parts[0]).asText());
            by = direction.equals("desc") ? by.reversed() : by;
            order = order == null ? by : order.thenComparing(by);
        }
        return order == null ? items : items.stream().sorted(order).toList();
    }

    private static JsonNode byId(List<JsonNode> items, SimRequest request, String what) {
        long id = id(request);
        return items.stream()
                .filter(i -> i.path("id").asLong() == id)
                .findFirst()
                .orElseThrow(() -> HetznerError.notFound(what));
    }

    private static Predicate<Map<String, String>> selector(SimRequest request) {
        try {
            return request.query("label_selector").map(LabelSelector::parse).orElse(labels -> true);
        } catch (IllegalArgumentException e) {
            throw HetznerError.invalidInput("label_selector", "invalid label selector");
        }
    }

    private static List<JsonNode> named(List<JsonNode> items, SimRequest request) {
        return items.stream()
                .filter(i -> request.query("name")
                        .map(i.path("name").asText()::equals)
                        .orElse(true))
                .toList();
    }

    private static SimResponse wrap(int status, String key, JsonNode value) {
        ObjectNode body = SimJson.MAPPER.createObjectNode();
        body.set(key, value);
        return SimResponse.json(status, body);
    }

    private static SimResponse list(SimRequest request, String key, List<JsonNode> items) {
        return SimResponse.json(200, page(request, key, items));
    }

    /** One page of {@code items} with Hetzner's {@code meta.pagination}; per_page is capped at 50 as at Hetzner. */
    private static ObjectNode page(SimRequest request, String key, List<JsonNode> items) {
        int perPage = Math.max(1, Math.min(50, request.intQuery("per_page", 25)));
        int page = Math.max(1, request.intQuery("page", 1));
        int lastPage = Math.max(1, (items.size() + perPage - 1) / perPage);
        ObjectNode body = SimJson.MAPPER.createObjectNode();
        ArrayNode array = body.putArray(key);
        items.stream().skip((long) (page - 1) * perPage).limit(perPage).forEach(array::add);
        ObjectNode pagination =
                body.putObject("meta").putObject("pagination").put("page", page).put("per_page", perPage);
        pagination.set("previous_page", page > 1 ? SimJson.MAPPER.valueToTree(page - 1) : null);
        pagination.set("next_page", page < lastPage ? SimJson.MAPPER.valueToTree(page + 1) : null);
        pagination.put("last_page", lastPage).put("total_entries", items.size());
        return body;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hetzner's hourly bucket: one request per second refills it; every answer reports it. */
    private static final class RateLimit {
        private double remaining = RATE_LIMIT;
        private Instant last = Instant.now();

        synchronized SimResponse decorate(SimResponse response) {
            Instant now = Instant.now();
            remaining =
                    Math.min(RATE_LIMIT, remaining + Duration.between(last, now).toMillis() / 1000.0);
            last = now;
            remaining = Math.max(0, remaining - 1);
            if (response.headers().containsKey("RateLimit-Reset")) {
                return response;
            }
            long left = (long) remaining;
            long reset = now.getEpochSecond() + (RATE_LIMIT - left);
            return response.withHeaders(HetznerError.rateLimitHeaders(RATE_LIMIT, left, reset));
        }
    }

    /** The errors the shared HTTP layer produces, worded as Hetzner words them. */
    private static final class Errors implements ProviderErrors {
        @Override
        public SimResponse noRoute() {
            return HetznerError.response(404, "not_found", "not found");
        }

        @Override
        public SimResponse badRequest(String message) {
            return HetznerError.response(400, "json_error", message);
        }

        @Override
        public SimResponse internalError() {
            return HetznerError.response(500, "server_error", "internal server error");
        }

        @Override
        public SimResponse rateLimited(long retryAfterSeconds) {
            long reset = Instant.now().getEpochSecond() + retryAfterSeconds;
            return HetznerError.response(429, "rate_limit_exceeded", "limit of 3600 requests per hour reached")
                    .withHeaders(HetznerError.rateLimitHeaders(RATE_LIMIT, 0, reset));
        }
    }
}
