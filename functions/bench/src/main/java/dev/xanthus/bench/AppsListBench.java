package dev.xanthus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xanthus.core.config.AppConfig;
import dev.xanthus.core.dynamo.Dynamo;
import dev.xanthus.core.dynamo.TableSetup;
import dev.xanthus.core.server.SshAddressResolver;
import dev.xanthus.sandbox.cloudflare.CloudflareSimulator;
import dev.xanthus.sandbox.dynamo.Dynalite;
import dev.xanthus.sandbox.hetzner.HetznerSimulator;
import dev.xanthus.sandbox.http.Fault;
import dev.xanthus.sandbox.http.SimServer;
import dev.xanthus.sandbox.ssh.SandboxServers;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code GET /api/v1/applications} over real HTTP with N apps in KV and a fixed latency injected on every Cloudflare
 * route (KV included): median and p99 over the requests, and upstream calls per request.
 */
public final class AppsListBench {

  private static final ObjectMapper JSON = BenchApi.JSON;

  private AppsListBench() {}

  public static void main(String[] args) throws Exception {
    int requests = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int apps = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    Duration latency = Duration.ofMillis(args.length > 2 ? Long.parseLong(args[2]) : 200);
    try (BenchApi.Stack stack = BenchApi.Stack.start()) {
      CloudflareSimulator cloudflare = stack.cloudflare();
      HetznerSimulator hetzner = stack.hetzner();
      String base = stack.base();
      HttpClient http = HttpClient.newHttpClient();
      JsonNode login = stack.signIn(http);
      String jwt = login.path("jwt_token").asText();
      String namespace = login.path("namespace_id").asText();
      BenchApi.seedApps(cloudflare, namespace, apps);
      JsonNode warm = JSON.readTree(BenchApi.send(http, base, "GET", "/api/v1/applications", jwt, null)).path("data");
      if (warm.size() != apps) {
        throw new IllegalStateException("expected " + apps + " apps, listed " + warm.size());
      }

      SimServer sim = cloudflare.server();
      sim.routeKeys().forEach(route -> sim.faults().injectAlways(route, Fault.latency(latency)));
      long roundTrip = stack.cloudflareRoundTrip(http, 10);
      System.out.printf("  floor for the list: 2 round trips one after another (key listing, then one bulk read) = "
          + "%d ms%n", 2 * roundTrip);
      stack.measure(http, "/api/v1/applications", jwt, requests,
          String.format("GET /api/v1/applications: %d apps, %d ms injected on every Cloudflare route, %d requests",
              apps, latency.toMillis(), requests));
    }
  }
}
