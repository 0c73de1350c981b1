package dev.xanthus.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xanthus.sandbox.cloudflare.CloudflareSimConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** JSON calls to a running local stack's API, as the frontend makes them, each checked against the status it needs. */
final class ApiCalls {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String base;

    ApiCalls(HttpClient http, String base) {
        this.http = http;
        this.base = base;
    }

    /** Sends {@code body} as JSON (none when null), signed in with {@code jwt} when not null; the answer's JSON. */
    JsonNode call(String method, String path, Object body, String jwt, int expected) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (jwt != null) {
            builder.header("Authorization", "Bearer " + jwt);
        }
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as(method + " " + path + ": " + response.body())
                .isEqualTo(expected);
        return JSON.readTree(response.body());
    }

    /** Signs in with the sandbox Cloudflare token; the login's {@code data} ({@code jwt_token}, {@code namespace_id}). */
    JsonNode signIn() throws Exception {
        return call("POST", "/api/auth/login", Map.of("token", CloudflareSimConfig.SANDBOX_TOKEN), null, 200)
                .path("data");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The environment of a sandbox stack in {@code state} with every port picked free; callers add to it. */
    static Map<String, String> sandboxEnv(Path state) {
        Map<String, String> env = new HashMap<>();
        for (String port : new String[] {
            "API", "RELAY", "DYNAMO", "CLOUDFLARE", "HETZNER", "RELEASES", "OCI",
        }) {
            env.put("XANTHUS_" + port + "_PORT", "0");
        }
        env.put("XANTHUS_STATE_DIR", state.toString());
        return env;
    }
}
