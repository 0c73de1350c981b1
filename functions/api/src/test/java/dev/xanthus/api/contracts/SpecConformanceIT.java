package dev.xanthus.api.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xanthus.api.testing.ApiClient;
import dev.xanthus.api.testing.CloudflareSandbox;
import dev.xanthus.api.testing.HetznerSandbox;
import dev.xanthus.api.testing.PrismProxy;
import dev.xanthus.api.testing.ProxiedSandbox;
import dev.xanthus.api.testing.SignedIn;
import dev.xanthus.api.testing.WebTestApp;
import dev.xanthus.sandbox.cloudflare.CloudflareSimConfig;
import dev.xanthus.sandbox.hetzner.HetznerSimulator;
import dev.xanthus.sandbox.http.Fault;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One full flow over HTTP — sign-in, a Hetzner server to READY, a domain configured, code-server deployed, its
 * password changed, a port forwarded, the app, the domain and the server deleted, logout — with Stoplight Prism
 * between the API and each simulator, validating every request and response against the providers' full official
 * specs (plus the documented patches of their known defects, {@code contracts/{cloudflare,hetzner}/prism-patches.json}).
 * Any finding fails the test with the list of exchanges it was found in and Prism's log lines.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SpecConformanceIT {

    private static final Path REPO =
            Path.of(System.getProperty("xanthus.repo.root", "../..")).toAbsolutePath();
    private static final Path CONTRACTS = REPO.resolve("functions/sandbox/contracts");
    private static final Path WORK = Path.of("target", "spec-conformance").toAbsolutePath();
    private static final String DOMAIN = CloudflareSandbox.CONFORMANCE_ZONE;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static final HttpClient RAW = HttpClient.newHttpClient();

    private PrismProxy cloudflare;
    private PrismProxy hetzner;
    private ConfigurableApplicationContext api;
    private int port;
    private SignedIn user;
    private final long started = System.nanoTime();

    @BeforeAll
    void startSimulatorsProxiesAndApi() throws Exception {
        // Both Prism processes load their specs while the API starts; only the flow needs them listening.
        cloudflare = proxy("cloudflare", "cloudflare-openapi.json.gz", CloudflareSandbox.SIM.baseUri());
        hetzner = proxy("hetzner", "hetzner-cloud.spec.json.gz", HetznerSandbox.SIM.baseUri());
        api = new SpringApplicationBuilder(WebTestApp.class)
                .web(WebApplicationType.SERVLET)
                .initializers(new ProxiedSandbox(cloudflare.baseUri(), hetzner.baseUri()))
                .properties(Map.of("server.address", "127.0.0.1", "server.port", "0", "server.shutdown", "immediate"))
                .run();
        port = ((ServletWebServerApplicationContext) api).getWebServer().getPort();
        cloudflare.awaitListening();
        hetzner.awaitListening();
    }

    /** Prism in front of {@code upstream}, with the provider's official spec and our patches of its known defects. */
    private static PrismProxy proxy(String provider, String spec, URI upstream) throws Exception {
        return PrismProxy.start(
                provider,
                CONTRACTS.resolve(provider + "/" + spec),
                CONTRACTS.resolve(provider + "/prism-patches.json"),
                upstream,
                WORK);
    }

    @AfterAll
    void stopEverything() throws Exception {
        try {
            if (api != null) {
                api.close();
            }
        } finally {
            try {
                if (cloudflare != null) {
                    cloudflare.close();
                }
            } finally {
                if (hetzner != null) {
                    hetzner.close();
                }
            }
        }
    }

    @Test
    @Order(1)
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void fullFlow_shouldMeetTheOfficialSpecs_inEveryRequestAndResponse() throws Exception {
        // sign-in, and the Hetzner key
        user = SignedIn.as(port, WAIT);
        data(send("PUT", "/api/v1/settings/hetzner", Map.of("key", HetznerSimulator.DEFAULT_TOKEN)), 200);

        // a server, to READY
        String name = "spec-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode created = data(
                send(
                        "POST",
                        "/api/v1/vps",
                        Map.of("name", name, "location", "fsn1", "serverType", "cx23", "timezone", "UTC")),
                201);
        long serverId = created.path("server").path("id").asLong();
        assertThat(await("/api/v1/vps/" + serverId + "/status", s -> s.path("ready")
                                .asBoolean())
                        .path("stage")
                        .asText())
                .isEqualTo("READY");

        // the domain
        JsonNode configured = data(send("POST", "/api/v1/dns/configure", Map.of("domain", DOMAIN)), 200);
        assertThat(configured.path("certificate").asText()).contains("BEGIN CERTIFICATE");

        // code-server
        String version = data(send("GET", "/api/v1/applications/versions/code-server", null), 200)
                .get(0)
                .path("version")
                .asText();
        String sub = "cs-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> deploy =
                ApiClient.deployRequest("Editor", "spec", "code-server", sub, DOMAIN, Long.toString(serverId));
        deploy.put("version", version);
        JsonNode accepted = data(send("POST", "/api/v1/applications", deploy), 202);
        String appId = accepted.path("application").path("id").asText();
        assertThat(awaitJob(accepted.path("jobId").asText())).isEqualTo("succeeded");
        assertThat(data(send("GET", "/api/v1/applications/" + appId, null), 200)
                        .path("status")
                        .asText())
                .isEqualTo("running");

        // password change
        String password = "Spec-" + UUID.randomUUID();
        data(send("POST", "/api/v1/applications/" + appId + "/password", Map.of("password", password)), 200);
        assertThat(data(send("GET", "/api/v1/applications/" + appId + "/password", null), 200)
                        .path("password")
                        .asText())
                .isEqualTo(password);

        // a port forward, and its removal
        JsonNode forward = data(
                send(
                        "POST",
                        "/api/v1/applications/" + appId + "/port-forwards",
                        Map.of("port", 3000, "subdomain", "pf-" + sub)),
                201);
        assertThat(data(send("GET", "/api/v1/applications/" + appId + "/port-forwards", null), 200))
                .hasSize(1);
        data(
                send(
                        "DELETE",
                        "/api/v1/applications/" + appId + "/port-forwards/"
                                + forward.path("id").asText(),
                        null),
                200);

        // the app, the domain and the server deleted
        JsonNode deletion = data(send("DELETE", "/api/v1/applications/" + appId + "?purgeData=true", null), 202);
        assertThat(awaitJob(deletion.path("jobId").asText())).isEqualTo("succeeded");
        data(send("DELETE", "/api/v1/dns/" + DOMAIN, null), 200);
        assertThat(data(send("DELETE", "/api/v1/vps/" + serverId, null), 200)
                        .path("server_deleted")
                        .asBoolean())
                .isTrue();
        await("/api/v1/vps", list -> StreamSupport.stream(list.spliterator(), false)
                .noneMatch(s -> s.path("id").asLong() == serverId));

        // logout ends the session
        data(send("POST", "/api/auth/logout", null), 200);
        assertThat(send("GET", "/api/v1/vps", null).statusCode()).isEqualTo(401);

        assertNoViolations();
    }

    /** After the flow: a bad request and a bad answer through each proxy are reported, so a clean flow means clean. */
    @Test
    @Order(2)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void proxies_shouldReportFindings_inRequestsAndInResponses() throws Exception {
        CloudflareSandbox.SIM
                .server()
                .faults()
                .inject("GET /user/tokens/verify", Fault.status(200, "{\"success\":true}"), 1);
        HetznerSandbox.SIM
                .http()
                .faults()
                .inject("GET /servers", Fault.status(200, "{\"servers\":[{\"id\":\"x\"}]}"), 1);
        try {
            assertFindings(
                    cloudflare,
                    "/zones?per_page=many",
                    "Bearer " + CloudflareSimConfig.SANDBOX_TOKEN,
                    "request.query.per_page");
            assertFindings(
                    cloudflare, "/user/tokens/verify", "Bearer " + CloudflareSimConfig.SANDBOX_TOKEN, "response.body");
            assertFindings(
                    hetzner, "/locations?page=first", "Bearer " + HetznerSimulator.DEFAULT_TOKEN, "request.query.page");
            assertFindings(
                    hetzner, "/servers", "Bearer " + HetznerSimulator.DEFAULT_TOKEN, "response.body.servers.0.id");
        } finally {
            CloudflareSandbox.SIM.server().faults().clear();
            HetznerSandbox.SIM.http().faults().clear();
        }
    }

    private static void assertFindings(PrismProxy proxy, String target, String authorization, String location)
            throws Exception {
        int logged = proxy.loggedViolations().size();
        HttpResponse<String> response = RAW.send(
                HttpRequest.newBuilder(URI.create(proxy.baseUri() + target))
                        .header("Authorization", authorization)
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        List<String> locations = new ArrayList<>();
        for (JsonNode finding : ApiClient.JSON.readTree(
                response.headers().firstValue("sl-violations").orElse("[]"))) {
            locations.add(String.join(".", ApiClient.JSON.convertValue(finding.path("location"), String[].class)));
        }
        assertThat(locations).as(target).contains(location);
        assertThat(proxy.violatingExchanges()).last().satisfies(e -> assertThat(e.target())
                .isEqualTo(target));
        assertThat(proxy.loggedViolations().size()).as(target).isGreaterThan(logged);
    }

    private void assertNoViolations() throws Exception {
        List<String> findings = new ArrayList<>();
        for (PrismProxy proxy : List.of(cloudflare, hetzner)) {
            proxy.violatingExchanges().forEach(e -> findings.add(proxy + ": " + e));
            proxy.loggedViolations().forEach(l -> findings.add(proxy + " log: " + l));
            // the relay saw every exchange Prism forwarded, so the header record is as complete as the log
            assertThat(proxy.exchanges()).as(proxy.toString()).hasSize((int) proxy.loggedForwards());
            assertThat(proxy.exchanges()).as(proxy + " validated nothing").isNotEmpty();
        }
        for (PrismProxy proxy : List.of(cloudflare, hetzner)) {
            System.out.println(proxy + ", exchanges by operation: " + proxy.exchangesByOperation());
        }
        System.out.printf(
                "SpecConformanceIT: %.1f s; exchanges validated: cloudflare %d, hetzner %d; violations %d;"
                        + " patches applied: cloudflare %d, hetzner %d; peak RSS: Prism cloudflare %d MB, Prism hetzner %d MB,"
                        + " test JVM %d MB%n",
                (System.nanoTime() - started) / 1e9,
                cloudflare.exchanges().size(),
                hetzner.exchanges().size(),
                findings.size(),
                cloudflare.patchCount(),
                hetzner.patchCount(),
                cloudflare.peakMemoryMb(),
                hetzner.peakMemoryMb(),
                PrismProxy.peakMemoryMb(ProcessHandle.current().pid()));
        assertThat(findings).as("Prism findings (Prism logs in " + WORK + ")").isEmpty();
    }

    private HttpResponse<String> send(String method, String path, Object body) throws Exception {
        return user.send(method, path, body);
    }

    private static JsonNode data(HttpResponse<String> response, int status) throws Exception {
        return ApiClient.data(response, status);
    }

    private JsonNode await(String path, Predicate<JsonNode> done) throws Exception {
        return user.await(path, done);
    }

    /** The job's final status, with the whole job when it failed. */
    private String awaitJob(String jobId) throws Exception {
        JsonNode job = user.awaitJob(jobId);
        String status = job.path("status").asText();
        return status.equals("failed") ? status + " " + job : status;
    }
}
