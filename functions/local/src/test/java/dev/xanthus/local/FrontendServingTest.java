package dev.xanthus.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrontendServingTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(LocalStack stack, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(stack.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void stack_shouldServeTheBuiltSite_withSpaFallback_butKeepApiErrorsJson(@TempDir Path state, @TempDir Path site)
            throws Exception {
        Files.writeString(site.resolve("index.html"), "<!doctype html><title>Xanthus</title>");
        Files.createDirectories(site.resolve("_app"));
        Files.writeString(site.resolve("_app/app.js"), "console.log('x')");

        try (LocalStack stack = LocalStack.start(
                new LocalSettings(true, "127.0.0.1", 0, 0, 0, 0, 0, 0, 0, state, site, java.util.Map.of()))) {
            assertThat(get(stack, "/").body()).contains("<title>Xanthus</title>");
            assertThat(get(stack, "/_app/app.js").body()).contains("console.log");
            assertThat(get(stack, "/servers/123").body()).contains("<title>Xanthus</title>");
            HttpResponse<String> api = get(stack, "/api/v1/unknown");
            assertThat(api.statusCode()).isEqualTo(404);
            assertThat(api.body()).contains("ROUTE_NOT_FOUND");
            assertThat(get(stack, "/health").body()).contains("\"dynamodb\":\"ok\"");
            assertThat(get(stack, "/../../etc/passwd").body()).doesNotContain("root:");
            assertThat(stack.cloudflare()).isPresent();
        }
    }

    @Test
    void realMode_shouldStart_andSayWhichProviderItCannotReach_withStateOfItsOwn(@TempDir Path state) throws Exception {
        java.util.Map<String, String> env = ApiCalls.sandboxEnv(state);
        try (LocalStack sandbox = LocalStack.start(LocalSettings.from(env))) {
            assertThat(sandbox.cloudflare()).isPresent();
        }
        // No network here: Cloudflare stands at a loopback port where nothing listens (never a real address in a test).
        int closed;
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        java.util.Map<String, String> realEnv = new java.util.HashMap<>(env);
        realEnv.put("XANTHUS_MODE", "real");
        realEnv.put("CLOUDFLARE_API_BASE", "http://127.0.0.1:" + closed + "/client/v4");

        try (LocalStack stack = LocalStack.start(LocalSettings.from(realEnv))) {
            assertThat(stack.cloudflare()).isEmpty();
            assertThat(stack.hetzner()).isEmpty();
            HttpResponse<String> health = get(stack, "/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"origin_ca_root\":\"ok\"");
            HttpResponse<String> login = http.send(
                    HttpRequest.newBuilder(URI.create(stack.url() + "/api/auth/login"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"token\":\"a_real_looking_token_0123456789\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(502);
            assertThat(login.body())
                    .contains("CLOUDFLARE_UNREACHABLE")
                    .contains("Cloudflare: cannot reach 127.0.0.1: the connection was refused");
        }
        // A sandbox session's JWT key never signs in real mode: each mode has its own keys and table.
        assertThat(Files.readString(state.resolve("real/jwt-key.jwk")))
                .isNotEqualTo(Files.readString(state.resolve("jwt-key.jwk")));
    }

    @Test
    void settings_shouldRefuseAnUnknownModeOrPort() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> LocalSettings.from(java.util.Map.of("XANTHUS_MODE", "prod")))
                .hasMessageContaining("XANTHUS_MODE");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> LocalSettings.from(java.util.Map.of("XANTHUS_API_PORT", "80x")))
                .hasMessageContaining("XANTHUS_API_PORT");
    }
}
