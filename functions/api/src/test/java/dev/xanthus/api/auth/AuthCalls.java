package dev.xanthus.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xanthus.api.testing.ApiContract;
import dev.xanthus.api.testing.CloudflareSandbox;
import dev.xanthus.sandbox.cloudflare.CloudflareSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The sign-in requests the auth integration tests send, raw (the tests look at headers and bodies ApiClient would
 * hide), each answer held to openapi.yaml as ApiClient does for the other tests. One per test method: {@link
 * #tokensUsed} is what that test made.
 */
final class AuthCalls {

    static final ObjectMapper JSON = new ObjectMapper();
    static final CloudflareSimulator SIM = CloudflareSandbox.SIM;
    static final String VERIFY = "GET /user/tokens/verify";
    static final String ACCOUNT_VERIFY = "GET /accounts/{account_id}/tokens/verify";

    final HttpClient http = HttpClient.newHttpClient();
    final List<String> tokensUsed = new ArrayList<>();
    final int port;

    AuthCalls(int port) {
        this.port = port;
    }

    /** A fresh user token the simulator accepts. */
    String newToken() {
        String token = "tok_" + UUID.randomUUID().toString().replace("-", "");
        SIM.addToken(token);
        tokensUsed.add(token);
        return token;
    }

    HttpResponse<String> post(String path, String body, String jwt) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (jwt != null) {
            b.header("Authorization", "Bearer " + jwt);
        }
        return checked(http.send(b.build(), HttpResponse.BodyHandlers.ofString()));
    }

    HttpResponse<String> me(String jwt) throws Exception {
        return checked(http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/auth/me"))
                        .header("Authorization", "Bearer " + jwt)
                        .build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    static HttpResponse<String> checked(HttpResponse<String> response) {
        ApiContract.check(response.request().method(), response.request().uri(), response);
        return response;
    }

    /** {@code accountId} null: the token's first account. */
    HttpResponse<String> login(String token, String accountId) throws Exception {
        String body = accountId == null
                ? JSON.writeValueAsString(Map.of("token", token))
                : JSON.writeValueAsString(Map.of("token", token, "accountId", accountId));
        return post("/api/auth/login", body, null);
    }

    /** The namespace a fresh sign-in to {@code accountId} answers. */
    String namespaceId(String accountId) throws Exception {
        return data(login(newToken(), accountId)).path("namespace_id").asText();
    }

    static JsonNode data(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asText()).isEqualTo("success");
        return body.path("data");
    }

    static String code(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).path("error").path("code").asText();
    }
}
