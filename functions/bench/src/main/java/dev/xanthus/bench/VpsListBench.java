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
 * {@code GET /api/v1/vps} over real HTTP with N servers and a fixed latency injected on every route of both
 * simulators: median and p99 over the requests, and upstream calls per request.
 */
public final class VpsListBench {

  private static final ObjectMapper JSON = BenchApi.JSON;

  private VpsListBench() {}

  public static void main(String[] args) throws Exception {
    int requests = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int servers = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    Duration latency = Duration.ofMillis(args.length > 2 ? Long.parseLong(args[2]) : 200);
    try (BenchApi.Stack stack = BenchApi.Stack.start()) {
      CloudflareSimulator cloudflare = stack.cloudflare();
      HetznerSimulator hetzner = stack.hetzner();
      String base = stack.base();
      HttpClient http = HttpClient.newHttpClient();
      String jwt = stack.signIn(http).path("jwt_token").asText();
      BenchApi.createServers(http, base, jwt, servers);
      JsonNode warm = JSON.readTree(BenchApi.send(http, base, "GET", "/api/v1/vps", jwt, null)).path("data");
      if (warm.size() != servers) {
        throw new IllegalStateException("expected " + servers + " servers, listed " + warm.size());
      }

      for (SimServer sim : List.of(cloudflare.server(), hetzner.http())) {
        sim.routeKeys().forEach(route -> sim.faults().injectAlways(route, Fault.latency(latency)));
        sim.resetCalls();
      }
      long roundTrip = stack.cloudflareRoundTrip(http, 10);
      System.out.printf("  floor for the list: 2 round trips one after another on each side (KV: listing, bulk read;"
          + " Hetzner: key read, server list) = %d ms%n", 2 * roundTrip);
      stack.measure(http, "/api/v1/vps", jwt, requests,
          String.format("GET /api/v1/vps: %d servers, %d ms injected on every upstream route, %d requests",
              servers, latency.toMillis(), requests));
    }
  }
}
