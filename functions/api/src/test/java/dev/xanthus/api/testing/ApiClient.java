package dev.xanthus.api.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** JSON over real HTTP to the API under test, the way the web app calls it. */
public final class ApiClient {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ApiClient() {}

    /** {@code body}: null for none, a String sent as it is (raw JSON), anything else serialised. */
    public static HttpResponse<String> send(int port, String method, String path, Object body, String jwt)
            throws Exception {
        String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(40))
                .method(
                        method,
                        text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text))
                .header("Content-Type", "application/json");
        if (jwt != null) {
            b.header("Authorization", "Bearer " + jwt);
        }
        HttpResponse<String> response = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        // Every answer is held to the document, so the API, openapi.yaml and the web app's generated types cannot
        // drift.
        ApiContract.check(method, response.request().uri(), response);
        return response;
    }

    /** The success body's {@code data}, after checking the status. */
    public static JsonNode data(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body()).path("data");
    }

    /** Polls {@code GET path} until its data matches, for at most {@code wait}; returns that data. */
    public static JsonNode await(
            int port, String jwt, String path, java.util.function.Predicate<JsonNode> done, Duration wait)
            throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = send(port, "GET", path, null, jwt);
            last = response.statusCode() == 200 ? JSON.readTree(response.body()).path("data") : null;
            if (last != null && done.test(last)) {
                return last;
            }
            Thread.sleep(150);
        }
        throw new AssertionError("gave up waiting on " + path + "; last: " + last);
    }

    /** A signed-in user of the sandbox Cloudflare account: a fresh API token, its JWT and the account's namespace. */
    public record Login(String token, String jwt, String namespaceId) {}

    /**
     * Signs in with a fresh sandbox token, then deletes the keys of {@code clearProviders} ("hetzner", "oci"): the
     * sandbox account's namespace outlives a test class, and a key sealed under another test's token is unreadable.
     */
    public static Login signIn(int port, String... clearProviders) throws Exception {
        String token = "tok_" + java.util.UUID.randomUUID().toString().replace("-", "");
        CloudflareSandbox.SIM.addToken(token);
        JsonNode login = data(send(port, "POST", "/api/auth/login", java.util.Map.of("token", token), null), 200);
        String jwt = login.path("jwt_token").asText();
        for (String provider : clearProviders) {
            assertThat(send(port, "DELETE", "/api/v1/settings/" + provider, null, jwt)
                            .statusCode())
                    .isEqualTo(200);
        }
        return new Login(token, jwt, login.path("namespace_id").asText());
    }

    /**
     * The body of {@code POST /api/v1/applications}: {@code appType} at {@code subdomain.domain} on server {@code
     * vpsId}, at its latest version.
     */
    public static java.util.Map<String, Object> deployRequest(
            String name, String description, String appType, String subdomain, String domain, String vpsId) {
        java.util.Map<String, Object> body = new java.util.HashMap<>();
        body.put("name", name);
        body.put("description", description);
        body.put("appType", appType);
        body.put("subdomain", subdomain);
        body.put("domain", domain);
        body.put("vpsId", vpsId);
        return body;
    }

    /** {@code prefix-} and 8 random hex digits: a name no other test, or earlier run, has used. */
    public static String unique(String prefix) {
        return prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    /** Polls {@code condition} every 150 ms for at most {@code wait}; fails the test when it never holds. */
    public static void awaitTrue(java.util.function.BooleanSupplier condition, Duration wait)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in " + wait);
            }
            Thread.sleep(150);
        }
    }

    /** The error body's code. */
    public static String code(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).path("error").path("code").asText();
    }
}
