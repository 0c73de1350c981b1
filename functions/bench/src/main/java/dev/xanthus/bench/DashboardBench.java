package dev.xanthus.bench;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The dashboard page ({@code frontend/src/routes/(app)/+page.svelte} and its layout) loaded as the browser loads it:
 * {@code /api/auth/me}, the Hetzner and OCI settings, the applications and the domains at once, and the server list
 * once both settings have answered. Fixed latency on every route of both simulators; the whole load's wall time and
 * the Cloudflare calls it costs, then each route alone for the breakdown.
 */
public final class DashboardBench {

    private static final List<String> ROUTES = List.of(
            "/api/auth/me",
            "/api/v1/settings/hetzner",
            "/api/v1/settings/oci",
            "/api/v1/vps",
            "/api/v1/applications",
            "/api/v1/dns/domains");

    private DashboardBench() {}

    public static void main(String[] args) throws Exception {
        int loads = BenchApi.arg(args, 0, 20);
        int servers = BenchApi.arg(args, 1, 10);
        int apps = BenchApi.arg(args, 2, 50);
        Duration latency = BenchApi.latencyArg(args, 3);
        try (BenchApi.Stack stack = BenchApi.Stack.start()) {
            String base = stack.base();
            HttpClient http = HttpClient.newHttpClient();
            var login = stack.signIn(http);
            String jwt = login.path("jwt_token").asText();
            BenchApi.createServers(http, base, jwt, servers);
            BenchApi.seedApps(stack.cloudflare(), login.path("namespace_id").asText(), apps);
            load(http, base, jwt);

            stack.slowDown(latency, stack.upstreams());
            stack.cloudflareRoundTrip(http, 10);
            System.out.println(
                    "  a load is never faster than its slowest chain: the server list after both settings, or "
                            + "the slowest route alone (each route alone is measured below)");
            stack.measureLoads(
                    loads,
                    String.format(
                            "Dashboard (%s) in parallel as the browser loads it: %d servers, "
                                    + "%d apps, 2 zones, %d ms injected on every upstream route, %d loads",
                            String.join(", ", ROUTES), servers, apps, latency.toMillis(), loads),
                    () -> load(http, base, jwt));
            System.out.println("Each route alone (3 requests each):");
            for (String route : ROUTES) {
                stack.measure(http, route, jwt, 3, "  GET " + route);
            }
        }
    }

    /** One dashboard load: what the page and its layout request, in the order and overlap the browser uses. */
    private static void load(HttpClient http, String base, String jwt) {
        CompletableFuture<String> me = get(http, base, "/api/auth/me", jwt);
        CompletableFuture<String> hetznerKey = get(http, base, "/api/v1/settings/hetzner", jwt);
        CompletableFuture<String> oci = get(http, base, "/api/v1/settings/oci", jwt);
        CompletableFuture<String> servers =
                CompletableFuture.allOf(hetznerKey, oci).thenCompose(done -> get(http, base, "/api/v1/vps", jwt));
        CompletableFuture<String> apps = get(http, base, "/api/v1/applications", jwt);
        CompletableFuture<String> domains = get(http, base, "/api/v1/dns/domains", jwt);
        try {
            CompletableFuture.allOf(me, servers, apps, domains).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private static CompletableFuture<String> get(HttpClient http, String base, String path, String jwt) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return BenchApi.send(http, base, "GET", path, jwt, null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
