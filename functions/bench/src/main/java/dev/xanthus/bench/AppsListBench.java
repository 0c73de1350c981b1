package dev.xanthus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.ECKey;
import dev.xanthus.api.function.AllFunctions;
import dev.xanthus.core.auth.JwtKeys;
import dev.xanthus.core.config.AppConfig;
import dev.xanthus.core.dynamo.Dynamo;
import dev.xanthus.core.dynamo.TableSetup;
import dev.xanthus.core.server.SshAddressResolver;
import dev.xanthus.sandbox.cloudflare.CloudflareSimConfig;
import dev.xanthus.sandbox.cloudflare.CloudflareSimulator;
import dev.xanthus.sandbox.dynamo.Dynalite;
import dev.xanthus.sandbox.hetzner.HetznerSimulator;
import dev.xanthus.sandbox.http.Fault;
import dev.xanthus.sandbox.http.SimServer;
import dev.xanthus.sandbox.ssh.SandboxServers;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * {@code GET /api/v1/applications} over real HTTP with N apps in KV and a fixed latency injected on every Cloudflare
 * route (KV included): median and p99 over the requests, and upstream calls per request.
 */
public final class AppsListBench {

  private static final ObjectMapper JSON = new ObjectMapper();

  private AppsListBench() {}

  @Configuration(proxyBeanMethods = false)
  @ImportAutoConfiguration(ServletWebServerFactoryAutoConfiguration.class)
  @Import(AllFunctions.class)
  static class Web {}

  public static void main(String[] args) throws Exception {
    int requests = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int apps = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    Duration latency = Duration.ofMillis(args.length > 2 ? Long.parseLong(args[2]) : 200);
    System.setProperty("aws.accessKeyId", "bench");
    System.setProperty("aws.secretAccessKey", "bench");

    try (Dynalite dynalite = Dynalite.startInMemory();
        CloudflareSimulator cloudflare = CloudflareSimulator.start(CloudflareSimConfig.defaults().withPort(0));
        HetznerSimulator hetzner = HetznerSimulator.start(HetznerSimulator.Config.defaults().withPort(0)
            .withTimings(HetznerSimulator.Timings.uniform(Duration.ofMillis(50)))
            .withSandbox(SandboxServers.Config.uniform(Duration.ofMillis(50))))) {
      AppConfig config = AppConfig.from(environment(dynalite.endpoint(), cloudflare, hetzner));
      try (var client = Dynamo.client(config)) {
        TableSetup.ensure(client, config.tableName());
      }
      SshAddressResolver addresses = (ip, port) -> hetzner.sshAddress(ip).orElse(new InetSocketAddress("127.0.0.1", 1));
      try (ConfigurableApplicationContext api = new SpringApplicationBuilder(Web.class)
          .web(WebApplicationType.SERVLET)
          .initializers(ctx -> ctx.getBeanFactory().registerSingleton("appConfig", config))
          .initializers(ctx -> ctx.getBeanFactory().registerSingleton("sshAddressResolver", addresses))
          .properties(Map.of("server.address", "127.0.0.1", "server.port", "0", "logging.level.root", "WARN"))
          .run()) {
        String base = "http://127.0.0.1:" + ((ServletWebServerApplicationContext) api).getWebServer().getPort();
        HttpClient http = HttpClient.newHttpClient();
        JsonNode login = JSON.readTree(send(http, base, "POST", "/api/auth/login", null,
            Map.of("token", CloudflareSimConfig.SANDBOX_TOKEN))).path("data");
        String jwt = login.path("jwt_token").asText();
        String namespace = login.path("namespace_id").asText();
        Map<String, String> records = new HashMap<>();
        for (int i = 0; i < apps; i++) {
          String id = String.format("app-bench%06d", i);
          records.put("app:" + id, JSON.writeValueAsString(Map.of("id", id, "name", "bench " + i, "app_type",
              "code-server", "app_version", "4.96.4", "subdomain", "bench-" + i, "domain", "example.com", "vps_id",
              "1", "namespace", "code-server", "status", "running", "url", "https://bench-" + i + ".example.com")));
          records.put("app:" + id + ":port-forwards", "[]");
        }
        cloudflare.putKvValues(CloudflareSimConfig.SANDBOX_ACCOUNT_ID, namespace, records);
        JsonNode warm = JSON.readTree(send(http, base, "GET", "/api/v1/applications", jwt, null)).path("data");
        if (warm.size() != apps) {
          throw new IllegalStateException("expected " + apps + " apps, listed " + warm.size());
        }

        SimServer sim = cloudflare.server();
        sim.routeKeys().forEach(route -> sim.faults().injectAlways(route, Fault.latency(latency)));
        sim.resetCalls();
        hetzner.http().resetCalls();
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
          long start = System.nanoTime();
          send(http, base, "GET", "/api/v1/applications", jwt, null);
          millis.add((System.nanoTime() - start) / 1_000_000);
        }
        Map<String, Integer> calls = new HashMap<>();
        cloudflare.server().calls().forEach((k, v) -> calls.merge("cloudflare " + k, v, Integer::sum));
        hetzner.http().calls().forEach((k, v) -> calls.merge("hetzner " + k, v, Integer::sum));

        List<Long> sorted = millis.stream().sorted().toList();
        System.out.printf("GET /api/v1/applications: %d apps, %d ms injected on every Cloudflare route, %d requests%n",
            apps, latency.toMillis(), requests);
        System.out.printf("  median %d ms, p99 %d ms, min %d ms, max %d ms%n", sorted.get(sorted.size() / 2),
            sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1), sorted.get(0), sorted.get(sorted.size() - 1));
        System.out.printf("  upstream calls per request: %.1f%n",
            calls.values().stream().mapToInt(Integer::intValue).sum() / (double) requests);
        calls.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
            System.out.printf("    %-70s %.1f%n", e.getKey(), e.getValue() / (double) requests));
      }
    }
  }

  private static String send(HttpClient http, String base, String method, String path, String jwt, Object body)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
        .header("Content-Type", "application/json");
    if (jwt != null) {
      b.header("Authorization", "Bearer " + jwt);
    }
    HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(method + " " + path + " → " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }

  private static Map<String, String> environment(String dynamoEndpoint, CloudflareSimulator cloudflare,
      HetznerSimulator hetzner) {
    ECKey key = JwtKeys.generate();
    byte[] dataKey = new byte[32];
    new SecureRandom().nextBytes(dataKey);
    return Map.of(
        "TABLE_NAME", "xanthus-bench",
        "DYNAMODB_ENDPOINT", dynamoEndpoint,
        "AWS_REGION", "us-east-1",
        "JWT_PRIVATE_JWK", key.toJSONString(),
        "DATA_KEY", Base64.getEncoder().encodeToString(dataKey),
        "XANTHUS_MODE", "sandbox",
        "CLOUDFLARE_API_BASE", cloudflare.baseUri().toString(),
        "HETZNER_API_BASE", hetzner.baseUri().toString());
  }
}
