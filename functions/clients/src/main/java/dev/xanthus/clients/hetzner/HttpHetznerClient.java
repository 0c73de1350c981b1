package dev.xanthus.clients.hetzner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xanthus.clients.http.ApiRequest;
import dev.xanthus.clients.http.ApiResponse;
import dev.xanthus.clients.http.Json;
import dev.xanthus.clients.http.JsonHttp;
import dev.xanthus.clients.http.PathTemplate;
import dev.xanthus.clients.http.RetryAdvice;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link HetznerClient} over HTTP: Bearer token, JSON, retries of GET and DELETE as {@code RateLimit-Reset} advises. */
public final class HttpHetznerClient implements HetznerClient {

    public static final URI DEFAULT_BASE_URL = URI.create("https://api.hetzner.cloud/v1");
    /** Hetzner's largest page: fewest calls against the hourly rate limit. */
    private static final int MAX_PER_PAGE = 50;

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final JsonHttp http;
    private final URI baseUrl;
    private final String token;
    private final int perPage;

    public HttpHetznerClient(JsonHttp http, URI baseUrl, String token) {
        this(http, baseUrl, token, MAX_PER_PAGE);
    }

    /** Smaller pages let tests cross page boundaries with a handful of items. */
    HttpHetznerClient(JsonHttp http, URI baseUrl, String token, int perPage) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.token = token;
        this.perPage = perPage;
    }

    /** The production wiring: the process-wide HTTP client, Hetzner's rate-limit advice, the real API. */
    public static HttpHetznerClient create(String token) {
        return new HttpHetznerClient(JsonHttp.create(RetryAdvice.rateLimitReset()), DEFAULT_BASE_URL, token);
    }

    /** The same transport and base URL for another project's token. */
    public HttpHetznerClient withToken(String otherToken) {
        return new HttpHetznerClient(http, baseUrl, otherToken, perPage);
    }

    @Override
    public List<Server> listServers(String labelSelector) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("label_selector", labelSelector);
        return listAll("/servers", query, "servers", Server.class);
    }

    @Override
    public Server getServer(long id) {
        return read(get("/servers/{id}", Map.of(), id).path("server"), Server.class);
    }

    @Override
    public CreatedServer createServer(CreateServerRequest request) {
        return read(post("/servers", request), CreatedServer.class);
    }

    @Override
    public Action deleteServer(long id) {
        String template = "/servers/{id}";
        URI uri = PathTemplate.uri(baseUrl, PathTemplate.expand(template, Long.toString(id)), Map.of());
        // Safe to repeat: a second delete of the same server can only answer not_found.
        return action(send(ApiRequest.delete(uri, template, headers(), true)));
    }

    @Override
    public Action powerOn(long id) {
        return serverAction(id, "poweron");
    }

    @Override
    public Action powerOff(long id) {
        return serverAction(id, "poweroff");
    }

    @Override
    public Action shutdown(long id) {
        return serverAction(id, "shutdown");
    }

    @Override
    public Action reboot(long id) {
        return serverAction(id, "reboot");
    }

    @Override
    public Action getAction(long id) {
        return action(get("/actions/{id}", Map.of(), id));
    }

    @Override
    public List<Action> listServerActions(long serverId) {
        return listAll(
                PathTemplate.expand("/servers/{id}/actions", Long.toString(serverId)),
                "/servers/{id}/actions",
                Map.of(),
                "actions",
                Action.class);
    }

    @Override
    public Action awaitAction(long id, Duration pollInterval, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Action action = getAction(id);
            if (action.status() == ActionStatus.SUCCESS) {
                return action;
            }
            if (action.status() == ActionStatus.ERROR) {
                Action.Error error = action.error();
                throw new HetznerException(
                        0,
                        error == null ? "action_failed" : error.code(),
                        error == null ? "action " + id + " failed" : error.message(),
                        Map.of("action_id", id));
            }
            if (System.nanoTime() + pollInterval.toNanos() > deadline) {
                throw new HetznerException(
                        0,
                        HetznerException.ACTION_TIMEOUT,
                        "action " + id + " still " + action.status().wire() + " after " + timeout.toSeconds() + " s",
                        Map.of("action_id", id));
            }
            try {
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HetznerException(
                        0,
                        HetznerException.ACTION_TIMEOUT,
                        "interrupted waiting for action " + id,
                        Map.of("action_id", id));
            }
        }
    }

    @Override
    public List<Location> listLocations() {
        return listAll("/locations", Map.of(), "locations", Location.class);
    }

    @Override
    public List<ServerType> listServerTypes() {
        return listAll("/server_types", Map.of(), "server_types", ServerType.class);
    }

    @Override
    public List<Image> listImages(String name) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("name", name);
        return listAll("/images", query, "images", Image.class);
    }

    @Override
    public List<SshKey> listSshKeys() {
        return listAll("/ssh_keys", Map.of(), "ssh_keys", SshKey.class);
    }

    @Override
    public SshKey createSshKey(String name, String publicKey, Map<String, String> labels) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("name", name).put("public_key", publicKey);
        body.set("labels", Json.MAPPER.valueToTree(labels));
        return read(post("/ssh_keys", body).path("ssh_key"), SshKey.class);
    }

    @Override
    public Pricing getPricing() {
        return read(get("/pricing", Map.of()).path("pricing"), Pricing.class);
    }

    /** Power actions take no body (the Go program sent a redundant one; the contract has none). */
    private Action serverAction(long id, String name) {
        String template = "/servers/{id}/actions/" + name;
        URI uri = PathTemplate.uri(baseUrl, PathTemplate.expand(template, Long.toString(id)), Map.of());
        return action(send(new ApiRequest("POST", uri, template, headers(), null, null, false)));
    }

    private static Action action(JsonNode body) {
        return read(body.path("action"), Action.class);
    }

    /** Reads every page: Hetzner says where the next one is in {@code meta.pagination.next_page}. */
    private <T> List<T> listAll(String path, Map<String, Object> filters, String key, Class<T> type) {
        return listAll(path, path, filters, key, type);
    }

    private <T> List<T> listAll(String path, String template, Map<String, Object> filters, String key, Class<T> type) {
        List<T> all = new ArrayList<>();
        Integer page = 1;
        while (page != null) {
            Map<String, Object> query = new LinkedHashMap<>(filters);
            query.put("page", page);
            query.put("per_page", perPage);
            JsonNode body = send(ApiRequest.get(PathTemplate.uri(baseUrl, path, query), template, headers()));
            for (JsonNode item : body.path(key)) {
                all.add(read(item, type));
            }
            JsonNode next = body.path("meta").path("pagination").path("next_page");
            page = next.isInt() ? next.asInt() : null;
        }
        return all;
    }

    private JsonNode get(String template, Map<String, Object> query, long... ids) {
        String path = ids.length == 0 ? template : PathTemplate.expand(template, Long.toString(ids[0]));
        return send(ApiRequest.get(PathTemplate.uri(baseUrl, path, query), template, headers()));
    }

    private JsonNode post(String template, Object body) {
        byte[] json;
        try {
            json = Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise request body", e);
        }
        URI uri = PathTemplate.uri(baseUrl, template, Map.of());
        return send(ApiRequest.write("POST", uri, template, headers(), json, "application/json"));
    }

    private JsonNode send(ApiRequest request) {
        ApiResponse response = http.send(request);
        if (response.isSuccess()) {
            return response.json();
        }
        throw error(response, request.method() + " " + baseUrl.getPath() + request.pathTemplate());
    }

    private Map<String, String> headers() {
        return Map.of("Authorization", "Bearer " + token, "Accept", "application/json");
    }

    /**
     * The typed error of a non-2xx answer to {@code endpoint} (e.g. {@code GET /v1/datacenters}); one without Hetzner's
     * error body (a proxy's page) gets a generic code.
     */
    static HetznerException error(ApiResponse response, String endpoint) {
        JsonNode error = response.json().path("error");
        if (!error.path("code").isTextual()) {
            return new HetznerException(
                    response.status(),
                    "http_" + response.status(),
                    "unexpected answer from Hetzner",
                    Map.of(),
                    endpoint);
        }
        Map<String, Object> details =
                error.path("details").isObject() ? Json.MAPPER.convertValue(error.get("details"), MAP) : Map.of();
        return new HetznerException(
                response.status(),
                error.get("code").asText(),
                error.path("message").asText(""),
                details,
                endpoint);
    }

    private static <T> T read(JsonNode node, Class<T> type) {
        try {
            return Json.MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("unexpected Hetzner response body", e);
        }
    }
}
