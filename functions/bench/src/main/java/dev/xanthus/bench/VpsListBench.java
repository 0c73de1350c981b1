package dev.xanthus.bench;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * {@code GET /api/v1/vps} over real HTTP with N servers and a fixed latency injected on every route of both
 * simulators: median and p99 over the requests, and upstream calls per request.
 */
public final class VpsListBench {

    private VpsListBench() {}

    public static void main(String[] args) throws Exception {
        int requests = BenchApi.arg(args, 0, 50);
        int servers = BenchApi.arg(args, 1, 20);
        Duration latency = BenchApi.latencyArg(args, 2);
        try (BenchApi.Stack stack = BenchApi.Stack.start()) {
            HttpClient http = HttpClient.newHttpClient();
            String jwt = stack.signIn(http).path("jwt_token").asText();
            BenchApi.createServers(http, stack.base(), jwt, servers);
            stack.measureList(
                    http,
                    "/api/v1/vps",
                    jwt,
                    servers,
                    latency,
                    "on each side (KV: listing, bulk read; Hetzner: key read, server list)",
                    requests,
                    String.format(
                            "GET /api/v1/vps: %d servers, %d ms injected on every upstream route, %d requests",
                            servers, latency.toMillis(), requests),
                    stack.upstreams());
        }
    }
}
