package dev.xanthus.api.apps;

import static dev.xanthus.api.testing.ApiClient.data;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xanthus.api.testing.ApiClient;
import dev.xanthus.api.testing.CloudflareSandbox;
import dev.xanthus.api.testing.HetznerSandbox;
import dev.xanthus.api.testing.OverHttp;
import dev.xanthus.api.testing.SignedIn;
import dev.xanthus.sandbox.cloudflare.CloudflareSimConfig;
import dev.xanthus.sandbox.ssh.SandboxServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every applications integration test starts from, over real HTTP (real Tomcat, dynalite, the Cloudflare /
 * Hetzner / releases simulators): a signed-in user with a READY Hetzner server (a sandbox server over real SSH, whose
 * emulated helm and kubectl record what they were given) and the managed domain {@link #DOMAIN}; plus the requests
 * those tests send. One server per test class ({@code @BeforeAll}), so the classes stay independent of each other's
 * apps.
 */
@OverHttp(HetznerSandbox.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AppsOnAServer {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ACCOUNT = CloudflareSimConfig.SANDBOX_ACCOUNT_ID;
    static final String DOMAIN = "example.org";
    static final Duration WAIT = Duration.ofSeconds(40);

    @LocalServerPort
    int port;

    SignedIn user;
    long serverId;
    SandboxServer server;
    /** A file hostile input tries to create; it must never exist. */
    final Path canary = Path.of("/tmp", "xc-" + UUID.randomUUID().toString().substring(0, 6));

    /** Signs in, creates a cx33 server and waits for READY, and marks {@link #DOMAIN} managed. */
    @BeforeAll
    void signInWithAServerAndADomain() throws Exception {
        user = SignedIn.as(port, WAIT).withHetznerKey();
        JsonNode created =
                user.createServer("apps-" + UUID.randomUUID().toString().substring(0, 8), "cx33", "Europe/Berlin");
        serverId = created.path("server").path("id").asLong();
        user.await("/api/v1/vps/" + serverId + "/status", s -> s.path("ready").asBoolean());
        server = HetznerSandbox.SIM.sandboxServer(serverId).orElseThrow();
        CloudflareSandbox.manageDomainDirectly(user.namespaceId(), DOMAIN);
    }

    @AfterAll
    void noCanary() {
        assertThat(canary).doesNotExist();
    }

    /** A deploy request's body for this server and {@link #DOMAIN}; {@code version} null for the latest. */
    Map<String, Object> body(String type, String sub, String version, String name) {
        Map<String, Object> b = ApiClient.deployRequest(name, "test", type, sub, DOMAIN, Long.toString(serverId));
        if (version != null) {
            b.put("version", version);
        }
        return b;
    }

    /** Deploys, expecting 202; returns the answer's data (the application and its job id). */
    JsonNode deploy(String type, String sub, String version, String name) throws Exception {
        return data(user.send("POST", "/api/v1/applications", body(type, sub, version, name)), 202);
    }

    /** Waits for the job of an accepted deploy, upgrade or delete; returns its status. */
    String jobStatus(JsonNode accepted) throws Exception {
        return user.awaitJob(accepted.path("jobId").asText()).path("status").asText();
    }

    /** Deletes the app (with its data) and expects its job to succeed. */
    void delete(String appId) throws Exception {
        JsonNode deletion = data(user.send("DELETE", "/api/v1/applications/" + appId + "?purgeData=true", null), 202);
        assertThat(jobStatus(deletion)).isEqualTo("succeeded");
    }

    String status(String appId) throws Exception {
        return user.field("/api/v1/applications/" + appId, "status");
    }

    String password(String appId) throws Exception {
        return user.field("/api/v1/applications/" + appId + "/password", "password");
    }

    /** The names of {@link #DOMAIN}'s DNS records at Cloudflare. */
    List<String> dnsNames() {
        return CloudflareSandbox.SIM.snapshot(DOMAIN).dnsRecords().stream()
                .map(r -> r.name())
                .toList();
    }

    /** The {@code metadata.name}s of Kubernetes objects. */
    static List<String> names(List<JsonNode> objects) {
        return objects.stream()
                .map(o -> o.path("metadata").path("name").asText())
                .toList();
    }
}
