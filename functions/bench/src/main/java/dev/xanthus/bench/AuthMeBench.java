package dev.xanthus.bench;

import dev.xanthus.sandbox.cloudflare.CloudflareSimulator;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Authenticated {@code GET /api/auth/me} on a warm instance: p50/p99 over N requests from 2 concurrent clients, and
 * the upstream calls each makes (Cloudflare, DynamoDB), beside unauthenticated {@code GET /health} as the baseline
 * of the same run (the cost of the HTTP stack and one DynamoDB call without any session work).
 */
public final class AuthMeBench {

    private AuthMeBench() {}

    public static void main(String[] args) throws Exception {
        int requests = BenchApi.arg(args, 0, 2000);
        int clients = BenchApi.arg(args, 1, 2);
        try (BenchApi.Stack stack = BenchApi.Stack.start()) {
            CloudflareSimulator cloudflare = stack.cloudflare();
            String base = stack.base();
            HttpClient http = HttpClient.newHttpClient();
            String jwt = stack.signIn(http).path("jwt_token").asText();
            for (int i = 0; i < 200; i++) {
                BenchApi.send(http, base, "GET", "/api/auth/me", jwt, null);
                BenchApi.send(http, base, "GET", "/health", null, null);
            }
            System.out.printf("%d requests each, %d concurrent clients, loopback, dynalite%n", requests, clients);
            for (String path : List.of("/health", "/api/auth/me")) {
                String bearer = path.equals("/health") ? null : jwt;
                cloudflare.server().resetCalls();
                DynamoCallCounter.reset();
                List<Long> micros = run(http, base, path, bearer, requests, clients);
                int cloudflareCalls = cloudflare.server().calls().values().stream()
                        .mapToInt(Integer::intValue)
                        .sum();
                System.out.printf(
                        "GET %-13s %s; per request: %.2f Cloudflare calls, DynamoDB %s%n",
                        path, percentiles(micros), cloudflareCalls / (double) requests, perRequest(requests));
            }
        }
    }

    private static List<Long> run(HttpClient http, String base, String path, String jwt, int requests, int clients)
            throws Exception {
        List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int share = requests / clients + (c < requests % clients ? 1 : 0);
                work.add(pool.submit(() -> {
                    for (int i = 0; i < share; i++) {
                        long start = System.nanoTime();
                        BenchApi.send(http, base, "GET", path, jwt, null);
                        micros.add((System.nanoTime() - start) / 1_000);
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return micros;
    }

    private static String percentiles(List<Long> micros) {
        List<Long> sorted = micros.stream().sorted().toList();
        return String.format(
                "p50 %.2f ms, p99 %.2f ms, max %.2f ms",
                sorted.get(sorted.size() / 2) / 1000.0,
                sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1) / 1000.0,
                sorted.get(sorted.size() - 1) / 1000.0);
    }

    private static String perRequest(int requests) {
        StringBuilder out = new StringBuilder();
        DynamoCallCounter.snapshot().forEach((op, n) -> out.append(op.replace("DynamoDb ", ""))
                .append(' ')
                .append(String.format("%.2f", n / (double) requests))
                .append(", "));
        return out.length() == 0 ? "none" : out.substring(0, out.length() - 2);
    }
}
