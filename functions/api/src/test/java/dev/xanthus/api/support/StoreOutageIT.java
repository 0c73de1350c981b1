package dev.xanthus.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xanthus.api.testing.CloudflareSandbox;
import dev.xanthus.api.testing.OverHttp;
import dev.xanthus.core.config.AppConfig;
import dev.xanthus.core.dynamo.Dynamo;
import dev.xanthus.core.dynamo.TableSetup;
import dev.xanthus.core.testing.TestEnv;
import dev.xanthus.sandbox.dynamo.Dynalite;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * DynamoDB dies under a running API (its own dynalite, persisting to disk): every route that needs the store — every
 * signed-in operation of openapi.yaml and the sign-in routes — answers 503 STORE_UNAVAILABLE with Retry-After in the
 * error shape, the log holds one WARN for the whole outage and no stack trace, and once dynalite is back (same data)
 * the same session works again.
 */
@OverHttp(StoreOutageIT.OwnDynamo.class)
@ExtendWith(OutputCaptureExtension.class)
class StoreOutageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TABLE = "xanthus-outage";
    private static final Path DATA = tempDir();
    private static Dynalite dynalite = Dynalite.start("127.0.0.1", 0, DATA);
    private static final int DYNAMO_PORT = dynalite.port();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @LocalServerPort
    int port;

    /** The API's usual test wiring (Cloudflare simulator, movable clock), but with a DynamoDB this test may kill. */
    static final class OwnDynamo implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            Map<String, String> env = new HashMap<>(CloudflareSandbox.env());
            env.putAll(TestEnv.base(dynalite.endpoint(), TABLE));
            env.remove("DYNAMODB_CALL_TIMEOUT"); // the production bound: the outage is what this test is about
            env.put("CLOUDFLARE_API_BASE", CloudflareSandbox.SIM.baseUri().toString());
            AppConfig config = AppConfig.from(env);
            try (var client = Dynamo.client(config)) {
                TableSetup.ensure(client, TABLE);
            }
            context.getBeanFactory().registerSingleton("appConfig", config);
            context.getBeanFactory().registerSingleton("clock", CloudflareSandbox.CLOCK);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("xanthus-outage");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() {
        dynalite.close();
    }

    private HttpResponse<String> send(String method, String path, String jwt) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (jwt != null) {
            b.header("Authorization", "Bearer " + jwt);
        }
        if (method.equals("GET") || method.equals("DELETE")) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString("{}"));
        }
        HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        // every 503 here must be one the operation lists, with the Retry-After it declares
        dev.xanthus.api.testing.ApiContract.check(method, response.request().uri(), response);
        return response;
    }

    private String login(String token) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/auth/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("token", token))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("data").path("jwt_token").asText();
    }

    /** Every operation that needs a signed-in user ({@code security} not empty), with dummy path parameters. */
    @SuppressWarnings("unchecked")
    private static List<String[]> signedInOperations() throws IOException {
        try (InputStream in = StoreOutageIT.class.getClassLoader().getResourceAsStream("openapi.yaml")) {
            Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            List<String[]> operations = new ArrayList<>();
            ((Map<String, Object>) doc.get("paths"))
                    .forEach((path, item) -> ((Map<String, Object>) item).forEach((method, op) -> {
                        if (!METHODS.contains(method)) {
                            return; // path-level "parameters"
                        }
                        Object security = ((Map<String, Object>) op).get("security");
                        if (!(security instanceof List<?> list && list.isEmpty())) {
                            operations.add(new String[] {method.toUpperCase(), path.replaceAll("\\{[^}]+}", "x1")});
                        }
                    }));
            return operations;
        }
    }

    @Test
    void everyRouteThatNeedsTheStore_shouldAnswer503WithRetryAfter_warnOnce_andRecoverWithTheDataKept(
            CapturedOutput output) throws Exception {
        String token = "tok_" + UUID.randomUUID().toString().replace("-", "");
        CloudflareSandbox.SIM.addToken(token);
        String jwt = login(token);
        assertThat(send("GET", "/api/auth/me", jwt).statusCode()).isEqualTo(200);
        List<String[]> operations = signedInOperations();
        assertThat(operations).hasSizeGreaterThan(40);

        dynalite.kill();
        int logStart = output.getAll().length();
        List<String[]> all = new ArrayList<>(operations);
        all.add(new String[] {"POST", "/api/auth/login"});
        long slowest = 0;
        for (String[] op : all) {
            long start = System.nanoTime();
            HttpResponse<String> response = op[1].equals("/api/auth/login")
                    ? http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + op[1]))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            JSON.writeValueAsString(Map.of("token", token))))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    : send(op[0], op[1], jwt);
            long millis = (System.nanoTime() - start) / 1_000_000;
            slowest = Math.max(slowest, millis);
            String route = op[0] + " " + op[1];
            System.out.println("outage: " + route + " -> " + response.statusCode() + " in " + millis + " ms");
            assertThat(response.statusCode()).as(route + " " + response.body()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).as(route).contains("5");
            assertThat(response.headers().firstValue("Content-Type")).as(route).hasValueSatisfying(v -> assertThat(v)
                    .startsWith("application/json"));
            JsonNode error = JSON.readTree(response.body()).path("error");
            assertThat(error.path("code").asText()).as(route).isEqualTo("STORE_UNAVAILABLE");
            assertThat(response.body()).as(route).doesNotContain("Exception").doesNotContain("127.0.0.1");
        }
        // Printed, not asserted (no timing assertions here): the client's 1.5 s call timeout is the bound.
        System.out.println(all.size() + " routes answered 503 with DynamoDB down; slowest in " + slowest + " ms");

        String during = output.getAll().substring(logStart);
        assertThat(during.lines().filter(l -> l.contains("DynamoDB unreachable since")))
                .singleElement()
                .asString()
                .contains("\"level\":\"WARN\"");
        assertThat(during.lines().filter(l -> l.contains("\"level\":\"WARN\"") || l.contains("\"level\":\"ERROR\"")))
                .hasSize(1);
        assertThat(during).doesNotContain("stack_trace").doesNotContain("\tat ");

        dynalite = Dynalite.start("127.0.0.1", DYNAMO_PORT, DATA);
        HttpResponse<String> me = send("GET", "/api/auth/me", jwt);
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(output.getAll().substring(logStart).lines().filter(l -> l.contains("DynamoDB back after")))
                .hasSize(1);
    }
}
