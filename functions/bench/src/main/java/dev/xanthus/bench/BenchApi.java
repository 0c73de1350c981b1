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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** What the HTTP benchmarks share: the API with every route group on a free loopback port, a client, statistics. */
final class BenchApi {

    static final ObjectMapper JSON = new ObjectMapper();

    private BenchApi() {}

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(ServletWebServerFactoryAutoConfiguration.class)
    @Import(AllFunctions.class)
    static class Web {}

    /** dynalite, both simulators (short server timings) and the API on free loopback ports. */
    record Stack(
            Dynalite dynalite,
            CloudflareSimulator cloudflare,
            HetznerSimulator hetzner,
            ConfigurableApplicationContext api,
            String base)
            implements AutoCloseable {

        static Stack start() {
            System.setProperty("aws.accessKeyId", "bench");
            System.setProperty("aws.secretAccessKey", "bench");
            Dynalite dynalite = Dynalite.startInMemory();
            CloudflareSimulator cloudflare =
                    CloudflareSimulator.start(CloudflareSimConfig.defaults().withPort(0));
            HetznerSimulator hetzner = HetznerSimulator.start(HetznerSimulator.Config.defaults()
                    .withPort(0)
                    .withTimings(HetznerSimulator.Timings.uniform(Duration.ofMillis(50)))
                    .withSandbox(SandboxServers.Config.uniform(Duration.ofMillis(50))));
            AppConfig config = AppConfig.from(environment(dynalite.endpoint(), cloudflare, hetzner));
            try (var client = Dynamo.client(config)) {
                TableSetup.ensure(client, config.tableName());
            }
            SshAddressResolver addresses =
                    (ip, port) -> hetzner.sshAddress(ip).orElse(new InetSocketAddress("127.0.0.1", 1));
            ConfigurableApplicationContext api = BenchApi.start(config, addresses);
            return new Stack(dynalite, cloudflare, hetzner, api, baseUrl(api));
        }

        /** Signs in with the sandbox token; the login answer's {@code data} (jwt_token, namespace_id, …). */
        JsonNode signIn(HttpClient http) throws Exception {
            return JSON.readTree(send(
                            http,
                            base,
                            "POST",
                            "/api/auth/login",
                            null,
                            Map.of("token", CloudflareSimConfig.SANDBOX_TOKEN)))
                    .path("data");
        }

        /** {@code GET path}'s {@code data}, checked to list {@code expected} entries: the seeding took. */
        JsonNode list(HttpClient http, String path, String jwt, int expected) throws Exception {
            JsonNode listed =
                    JSON.readTree(send(http, base, "GET", path, jwt, null)).path("data");
            if (listed.size() != expected) {
                throw new IllegalStateException(
                        "expected " + expected + " entries at " + path + ", listed " + listed.size());
            }
            return listed;
        }

        /** Adds {@code latency} to every route of {@code sims} (and forgets the calls counted so far). */
        void slowDown(Duration latency, SimServer... sims) {
            for (SimServer sim : sims) {
                sim.routeKeys().forEach(route -> sim.faults().injectAlways(route, Fault.latency(latency)));
                sim.resetCalls();
            }
        }

        /** Both simulators' HTTP servers. */
        SimServer[] upstreams() {
            return new SimServer[] {cloudflare.server(), hetzner.http()};
        }

        /**
         * Sends {@code GET path} {@code requests} times, one after another, and prints the latency summary and the
         * upstream calls per request that both simulators counted meanwhile.
         */
        /**
         * A listing benchmark: reads {@code path} once as it is (it must list {@code expected} items), injects
         * {@code latency} on every route of {@code slowed}, prints the floor ({@code floor} names the two sequential
         * round trips), then measures.
         */
        void measureList(
                HttpClient http,
                String path,
                String jwt,
                int expected,
                Duration latency,
                String floor,
                int requests,
                String title,
                SimServer... slowed)
                throws Exception {
            list(http, path, jwt, expected);
            slowDown(latency, slowed);
            long roundTrip = cloudflareRoundTrip(http, 10);
            System.out.printf(
                    "  floor for the list: 2 round trips one after another %s = %d ms%n", floor, 2 * roundTrip);
            measure(http, path, jwt, requests, title);
        }

        void measure(HttpClient http, String path, String jwt, int requests, String title) throws Exception {
            measureLoads(requests, title, () -> send(http, base, "GET", path, jwt, null));
        }

        /** Runs {@code load} (one page load) {@code loads} times, one after another, and prints what it cost. */
        void measureLoads(int loads, String title, Load load) throws Exception {
            cloudflare.server().resetCalls();
            hetzner.http().resetCalls();
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < loads; i++) {
                long start = System.nanoTime();
                load.run();
                millis.add((System.nanoTime() - start) / 1_000_000);
            }
            Map<String, Integer> calls = new TreeMap<>();
            cloudflare.server().calls().forEach((k, v) -> calls.merge("cloudflare " + k, v, Integer::sum));
            hetzner.http().calls().forEach((k, v) -> calls.merge("hetzner " + k, v, Integer::sum));
            int cloudflareCalls = cloudflare.server().calls().values().stream()
                    .mapToInt(Integer::intValue)
                    .sum();
            System.out.println(title);
            System.out.println("  " + summary(millis));
            System.out.printf(
                    "  Cloudflare calls per page load: %.1f (rate limit 1,200 per 5 minutes per token: %s)%n",
                    cloudflareCalls / (double) loads,
                    cloudflareCalls == 0 ? "not touched" : (1200L * loads / cloudflareCalls) + " loads");
            System.out.printf(
                    "  upstream calls per page load: %.1f%n",
                    calls.values().stream().mapToInt(Integer::intValue).sum() / (double) loads);
            calls.forEach((route, n) -> System.out.printf("    %-70s %.1f%n", route, n / (double) loads));
        }

        /**
         * The baseline of the same run: the median of {@code samples} direct calls to the Cloudflare simulator (one
         * round trip with the injected latency, no API in between). A page that needs {@code n} Cloudflare round trips
         * one after another cannot be faster than {@code n} times this.
         */
        long cloudflareRoundTrip(HttpClient http, int samples) throws Exception {
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < samples; i++) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(cloudflare.baseUri() + "/user/tokens/verify"))
                        .header("Authorization", "Bearer " + CloudflareSimConfig.SANDBOX_TOKEN)
                        .GET()
                        .build();
                long start = System.nanoTime();
                http.send(request, HttpResponse.BodyHandlers.discarding());
                millis.add((System.nanoTime() - start) / 1_000_000);
            }
            long median = millis.stream().sorted().toList().get(samples / 2);
            System.out.printf(
                    "baseline (same run): one Cloudflare round trip, direct to the simulator: median %d ms%n", median);
            return median;
        }

        @Override
        public void close() {
            api.close();
            hetzner.close();
            cloudflare.close();
            dynalite.close();
        }
    }

    /** The {@code index}th command-line argument as a number, {@code fallback} when absent. */
    static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }

    /** The {@code index}th argument as milliseconds, 200 ms when absent: the latency the list benches inject. */
    static Duration latencyArg(String[] args, int index) {
        return Duration.ofMillis(arg(args, index, 200));
    }

    /** One page load: the API calls a browser makes for it. */
    interface Load {
        void run() throws Exception;
    }

    /** Starts the API; close the context to stop it. */
    static ConfigurableApplicationContext start(AppConfig config, SshAddressResolver addresses) {
        return new SpringApplicationBuilder(Web.class)
                .web(WebApplicationType.SERVLET)
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("appConfig", config))
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("sshAddressResolver", addresses))
                .properties(Map.of("server.address", "127.0.0.1", "server.port", "0", "logging.level.root", "WARN"))
                .run();
    }

    static String baseUrl(ConfigurableApplicationContext api) {
        return "http://127.0.0.1:"
                + ((ServletWebServerApplicationContext) api).getWebServer().getPort();
    }

    /** Stores the sandbox Hetzner key, then creates {@code servers} CX23 servers through the API. */
    static void createServers(HttpClient http, String base, String jwt, int servers) throws Exception {
        send(http, base, "PUT", "/api/v1/settings/hetzner", jwt, Map.of("key", HetznerSimulator.DEFAULT_TOKEN));
        for (int i = 0; i < servers; i++) {
            send(
                    http,
                    base,
                    "POST",
                    "/api/v1/vps",
                    jwt,
                    Map.of("name", "bench-" + i, "location", "fsn1", "serverType", "cx23"));
        }
    }

    /** {@code apps} code-server records (Go schema) with empty port-forward lists, written straight into KV. */
    static void seedApps(CloudflareSimulator cloudflare, String namespace, int apps) throws Exception {
        Map<String, String> records = new java.util.HashMap<>();
        for (int i = 0; i < apps; i++) {
            String id = String.format("app-bench%06d", i);
            records.put(
                    "app:" + id,
                    JSON.writeValueAsString(Map.of(
                            "id",
                            id,
                            "name",
                            "bench " + i,
                            "app_type",
                            "code-server",
                            "app_version",
                            "4.96.4",
                            "subdomain",
                            "bench-" + i,
                            "domain",
                            "example.com",
                            "vps_id",
                            "1",
                            "namespace",
                            "code-server",
                            "status",
                            "running",
                            "url",
                            "https://bench-" + i + ".example.com")));
            records.put("app:" + id + ":port-forwards", "[]");
        }
        cloudflare.putKvValues(
                dev.xanthus.sandbox.cloudflare.CloudflareSimConfig.SANDBOX_ACCOUNT_ID, namespace, records);
    }

    static String send(HttpClient http, String base, String method, String path, String jwt, Object body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .header("Content-Type", "application/json");
        if (jwt != null) {
            b.header("Authorization", "Bearer " + jwt);
        }
        HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(
                    method + " " + path + " → " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    static Map<String, String> environment(
            String dynamoEndpoint, CloudflareSimulator cloudflare, HetznerSimulator hetzner) {
        Map<String, String> env = new java.util.HashMap<>(sandboxEnvironment(dynamoEndpoint));
        env.put("CLOUDFLARE_API_BASE", cloudflare.baseUri().toString());
        env.put("HETZNER_API_BASE", hetzner.baseUri().toString());
        return env;
    }

    /** What every benchmarked API needs: the local table, fresh JWT and data keys, sandbox mode. */
    static Map<String, String> sandboxEnvironment(String dynamoEndpoint) {
        ECKey key = JwtKeys.generate();
        byte[] dataKey = new byte[32];
        new SecureRandom().nextBytes(dataKey);
        return Map.of(
                "TABLE_NAME",
                "xanthus-bench",
                "DYNAMODB_ENDPOINT",
                dynamoEndpoint,
                "AWS_REGION",
                "us-east-1",
                "JWT_PRIVATE_JWK",
                key.toJSONString(),
                "DATA_KEY",
                Base64.getEncoder().encodeToString(dataKey),
                "XANTHUS_MODE",
                "sandbox");
    }

    /** {@code median M ms, p99 P ms, min …, max …} of the samples. */
    static String summary(List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        return String.format(
                "median %d ms, p99 %d ms, min %d ms, max %d ms",
                sorted.get(sorted.size() / 2),
                sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1),
                sorted.get(0),
                sorted.get(sorted.size() - 1));
    }
}
