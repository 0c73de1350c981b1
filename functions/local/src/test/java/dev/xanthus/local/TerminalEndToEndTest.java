package dev.xanthus.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The terminal across every part, in one process as the local stack runs it: sign in, add the Hetzner key, create a
 * server, open a terminal session through the API, connect to the relay over a real WebSocket, run a command over
 * real SSH on the sandbox server, then end the session through the API.
 */
class TerminalEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Opens a socket to the relay from the site's origin and sends the ticket as its first message. */
    private WebSocket authenticate(String relayUrl, String origin, String ticket, Frames frames) throws Exception {
        WebSocket ws = http.newWebSocketBuilder()
                .header("Origin", origin)
                .buildAsync(URI.create(relayUrl), frames)
                .get(10, TimeUnit.SECONDS);
        ws.sendText(JSON.writeValueAsString(Map.of("type", "auth", "ticket", ticket)), true);
        return ws;
    }

    /** Collects text frames; every frame is a JSON message of the relay protocol. */
    private static final class Frames implements WebSocket.Listener {
        final LinkedBlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    messages.add(JSON.getNodeFactory().textNode(partial.toString()));
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            closed.complete(status);
            return null;
        }

        JsonNode next(String type) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                JsonNode m = messages.poll(500, TimeUnit.MILLISECONDS);
                if (m != null && type.equals(m.path("type").asText())) {
                    return m;
                }
            }
            throw new AssertionError("no " + type + " message within 20 s");
        }

        String outputUntil(String marker) throws InterruptedException {
            StringBuilder out = new StringBuilder();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline && !out.toString().contains(marker)) {
                JsonNode m = messages.poll(500, TimeUnit.MILLISECONDS);
                if (m != null && "output".equals(m.path("type").asText())) {
                    out.append(m.path("data").asText());
                }
            }
            return out.toString();
        }
    }

    @Test
    void terminal_shouldRunACommandOnTheServer_andEndWhenTheApiSaysSo(@TempDir Path state) throws Exception {
        Map<String, String> env = ApiCalls.sandboxEnv(state);
        env.put("XANTHUS_API_PORT", Integer.toString(ApiCalls.freePort()));
        env.put("XANTHUS_FRONTEND_DIR", state.resolve("no-site").toString());
        LocalSettings settings = LocalSettings.from(env);
        try (LocalStack stack = LocalStack.start(settings)) {
            // given a signed-in user with a server
            ApiCalls api = new ApiCalls(http, stack.url());
            String jwt = api.signIn().path("jwt_token").asText();
            api.call("PUT", "/api/v1/settings/hetzner", Map.of("key", "xanthus_sandbox_hetzner_token"), jwt, 200);
            JsonNode server = api.call(
                            "POST",
                            "/api/v1/vps",
                            Map.of("name", "term-e2e", "location", "fsn1", "serverType", "cx23"),
                            jwt,
                            201)
                    .path("data");
            long vpsId =
                    server.path("server").path("id").asLong(server.path("id").asLong());
            assertThat(vpsId).isPositive();

            // when a terminal session is opened (retried while the new server's SSH comes up)
            JsonNode opened = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (opened == null && System.nanoTime() < deadline) {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(stack.url() + "/api/v1/terminal/sessions"))
                                .header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + jwt)
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        JSON.writeValueAsString(Map.of("vpsId", vpsId, "cols", 100, "rows", 30))))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 201) {
                    opened = JSON.readTree(r.body()).path("data");
                } else {
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(502);
                    Thread.sleep(1000);
                }
            }
            assertThat(opened).as("terminal session opened within 60 s").isNotNull();
            assertThat(opened.toString()).doesNotContain("PRIVATE KEY");
            String relayUrl = opened.path("relayUrl").asText();
            assertThat(relayUrl)
                    .startsWith("ws://127.0.0.1:")
                    .endsWith("/ws/terminal/" + opened.path("sessionId").asText());

            // then the relay runs a shell on the server
            Frames frames = new Frames();
            WebSocket ws =
                    authenticate(relayUrl, stack.url(), opened.path("ticket").asText(), frames);
            frames.next("ready");
            ws.sendText(JSON.writeValueAsString(Map.of("type", "input", "data", "echo $((6*7))\r")), true);
            assertThat(frames.outputUntil("42")).contains("42");

            JsonNode sessions =
                    api.call("GET", "/api/v1/terminal/sessions", null, jwt, 200).path("data");
            assertThat(sessions.toString())
                    .contains(opened.path("sessionId").asText())
                    .contains("LIVE");

            // and ending it through the API closes the socket
            api.call(
                    "DELETE",
                    "/api/v1/terminal/sessions/" + opened.path("sessionId").asText(),
                    null,
                    jwt,
                    202);
            assertThat(frames.closed.get(15, TimeUnit.SECONDS)).isNotNull();

            // the ticket was single use
            Frames replay = new Frames();
            authenticate(relayUrl, stack.url(), opened.path("ticket").asText(), replay);
            assertThat(replay.closed.get(15, TimeUnit.SECONDS)).isEqualTo(4401);
        }
    }
}
