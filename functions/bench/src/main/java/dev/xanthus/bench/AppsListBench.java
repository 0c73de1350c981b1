package dev.xanthus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * {@code GET /api/v1/applications} over real HTTP with N apps in KV and a fixed latency injected on every Cloudflare
 * route (KV included): median and p99 over the requests, and upstream calls per request.
 */
public final class AppsListBench {

    private AppsListBench() {}

    public static void main(String[] args) throws Exception {
        int requests = BenchApi.arg(args, 0, 50);
        int apps = BenchApi.arg(args, 1, 50);
        Duration latency = BenchApi.latencyArg(args, 2);
        try (BenchApi.Stack stack = BenchApi.Stack.start()) {
            HttpClient http = HttpClient.newHttpClient();
            JsonNode login = stack.signIn(http);
            String jwt = login.path("jwt_token").asText();
            BenchApi.seedApps(stack.cloudflare(), login.path("namespace_id").asText(), apps);
            stack.measureList(
                    http,
                    "/api/v1/applications",
                    jwt,
                    apps,
                    latency,
                    "(key listing, then one bulk read)",
                    requests,
                    String.format(
                            "GET /api/v1/applications: %d apps, %d ms injected on every Cloudflare route, %d requests",
                            apps, latency.toMillis(), requests),
                    stack.cloudflare().server());
        }
    }
}
