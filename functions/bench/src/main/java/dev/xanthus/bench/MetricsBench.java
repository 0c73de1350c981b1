package dev.xanthus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;

/**
 * {@code GET /api/v1/vps/{id}/metrics?range=24h} over real HTTP against a sandbox server whose setup switched on the
 * real sysstat (sampling every second there), beside two baselines of the same run on the same server: the plain
 * {@code GET /api/v1/vps/{id}} (KV and Hetzner, no SSH) and {@code GET /api/v1/vps/{id}/status} (one SSH connection,
 * five small commands). Prints latency, upstream calls and the answer's size, raw and gzipped.
 */
public final class MetricsBench {

    private MetricsBench() {}

    public static void main(String[] args) throws Exception {
        int requests = BenchApi.arg(args, 0, 30);
        int collectSeconds = BenchApi.arg(args, 1, 120);
        try (BenchApi.Stack stack = BenchApi.Stack.start()) {
            HttpClient http = HttpClient.newHttpClient();
            String jwt = stack.signIn(http).path("jwt_token").asText();
            BenchApi.createServers(http, stack.base(), jwt, 1);
            long id = stack.list(http, "/api/v1/vps", jwt, 1).get(0).path("id").asLong();
            String server = "/api/v1/vps/" + id;
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (!BenchApi.JSON
                    .readTree(BenchApi.send(http, stack.base(), "GET", server + "/status", jwt, null))
                    .path("data")
                    .path("ready")
                    .asBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the sandbox server did not become READY in 120 s");
                }
                Thread.sleep(200);
            }
            System.out.printf(
                    "server %d READY; letting its sysstat sample (every second) for %d s%n", id, collectSeconds);
            Thread.sleep(collectSeconds * 1000L);

            stack.measure(http, server, jwt, requests, "baseline: GET " + server + " (KV + Hetzner, no SSH)");
            stack.measure(
                    http, server + "/status", jwt, requests, "baseline: GET " + server + "/status (SSH, 5 commands)");
            for (String range : new String[] {"24h", "1h", "7d"}) {
                String path = server + "/metrics?range=" + range;
                stack.measure(http, path, jwt, requests, "GET " + path);
                payload(http, stack, jwt, path);
            }
            payload(http, stack, jwt, server);
        }
    }

    private static void payload(HttpClient http, BenchApi.Stack stack, String jwt, String path) throws Exception {
        String body = BenchApi.send(http, stack.base(), "GET", path, jwt, null);
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(raw);
        }
        JsonNode data = BenchApi.JSON.readTree(body).path("data");
        System.out.printf(
                "  answer of GET %s: %,d bytes (%,d gzipped)%s%n",
                path,
                raw.length,
                gz.size(),
                data.has("points")
                        ? String.format(
                                ", %d points, step %d s, collector %s",
                                data.path("points").size(),
                                data.path("step_seconds").asLong(),
                                data.path("collector").asText())
                        : "");
    }
}
