package dev.xanthus.api.apps;

import static dev.xanthus.api.testing.ApiClient.code;
import static dev.xanthus.api.testing.ApiClient.data;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xanthus.api.testing.CloudflareSandbox;
import dev.xanthus.api.testing.HetznerSandbox;
import dev.xanthus.api.testing.SignedIn;
import dev.xanthus.api.testing.WebTestApp;
import dev.xanthus.clients.cloudflare.DnsRecordInput;
import dev.xanthus.clients.cloudflare.HttpCloudflareClient;
import dev.xanthus.clients.hetzner.CreateServerRequest;
import dev.xanthus.clients.hetzner.HttpHetznerClient;
import dev.xanthus.clients.http.JsonHttp;
import dev.xanthus.clients.http.RetryAdvice;
import dev.xanthus.sandbox.cloudflare.CloudflareSimConfig;
import dev.xanthus.sandbox.hetzner.HetznerSimulator;
import dev.xanthus.sandbox.k8s.SandboxK8s;
import dev.xanthus.sandbox.ssh.SandboxServer;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/**
 * Applications end to end: real Tomcat, dynalite, the Cloudflare / Hetzner / releases simulators, and a sandbox server
 * over real SSH whose emulated helm and kubectl record what they were given.
 */
@SpringBootTest(classes = WebTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = HetznerSandbox.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApplicationsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = CloudflareSimConfig.SANDBOX_ACCOUNT_ID;
    private static final String DOMAIN = "example.org";
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final Path CANARY =
            Path.of("/tmp", "xc-" + UUID.randomUUID().toString().substring(0, 6));
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    private SignedIn user;
    private long serverId;
    private String serverIp;
    private SandboxServer server;

    @BeforeAll
    void signInWithAServerAndADomain() throws Exception {
        user = SignedIn.as(port, WAIT);
        data(user.send("PUT", "/api/v1/settings/hetzner", Map.of("key", HetznerSimulator.DEFAULT_TOKEN)), 200);
        JsonNode created = data(
                user.send(
                        "POST",
                        "/api/v1/vps",
                        Map.of(
                                "name",
                                "apps-" + UUID.randomUUID().toString().substring(0, 8),
                                "location",
                                "fsn1",
                                "serverType",
                                "cx33",
                                "timezone",
                                "Europe/Berlin")),
                201);
        serverId = created.path("server").path("id").asLong();
        serverIp = created.path("server").path("ipv4").asText();
        user.await("/api/v1/vps/" + serverId + "/status", s -> s.path("ready").asBoolean());
        server = HetznerSandbox.SIM.sandboxServer(serverId).orElseThrow();
        CloudflareSandbox.manageDomainDirectly(user.namespaceId(), DOMAIN);
    }

    @AfterAll
    void noCanary() {
        assertThat(CANARY).doesNotExist();
    }

    // ------------------------------------------------------------------ tests

    @Test
    void codeServer_shouldDeployAtTheChosenVersion_changePassword_forwardPorts_upgrade_andDeleteEverything()
            throws Exception {
        // What the deploy form starts from: the managed domain and the READY server.
        JsonNode prerequisites = data(user.get("/api/v1/applications/prerequisites"), 200);
        assertThat(prerequisites.path("domains").toString()).contains(DOMAIN);
        assertThat(prerequisites.path("servers").findValuesAsText("id")).contains(Long.toString(serverId));
        JsonNode versions = data(user.get("/api/v1/applications/versions/code-server"), 200);
        String older = versions.get(1).path("version").asText();
        String newer = versions.get(0).path("version").asText();
        String sub = unique("cs");
        String host = sub + "." + DOMAIN;

        JsonNode accepted = deploy("code-server", sub, older, "My editor");
        String id = accepted.path("application").path("id").asText();
        assertThat(id).matches("app-[0-9a-f]{12}");
        assertThat(accepted.path("application").path("status").asText()).isEqualTo("creating");
        JsonNode job = awaitJob(accepted.path("jobId").asText());
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.path("steps")).hasSize(7);

        JsonNode app = data(user.get("/api/v1/applications/" + id), 200);
        assertThat(app.path("status").asText()).isEqualTo("running");
        assertThat(app.path("app_version").asText()).isEqualTo(older);
        assertThat(app.path("url").asText()).isEqualTo("https://" + host);
        JsonNode stored = JSON.readTree(kv("app:" + id));
        assertThat(stored.path("app_type").asText()).isEqualTo("code-server");
        assertThat(stored.path("vps_id").asText()).isEqualTo(Long.toString(serverId));
        assertThat(stored.path("namespace").asText()).isEqualTo("code-server");

        SandboxK8s k8s = SandboxK8s.of(server);
        String release = sub + "-code-server";
        SandboxK8s.Release deployed = k8s.release("code-server", release).orElseThrow();
        assertThat(deployed.values().path("image").path("tag").asText()).isEqualTo(older);
        assertThat(deployed.argv())
                .containsSubsequence("upgrade", "--install", release)
                .contains("--wait", "10m");
        assertThat(String.join(" ", deployed.argv())).contains("--version 1.0.0");
        assertThat(deployed.chart()).isEqualTo("xanthus-code-server");
        assertThat(k8s.pods("code-server").toString()).contains("codercom/code-server:" + older);
        assertThat(k8s.secretData("code-server", DOMAIN + "-tls")).isPresent();
        assertThat(dnsNames()).contains(host);
        assertThat(data(user.get("/api/v1/applications"), 200).findValuesAsText("id"))
                .contains(id);

        // password: read, then replaced with one full of shell syntax, which arrives as inert data
        String initial = data(user.get("/api/v1/applications/" + id + "/password"), 200)
                .path("password")
                .asText();
        assertThat(initial).hasSizeGreaterThanOrEqualTo(12);
        String nasty = "p4ss'$(touch " + CANARY + ")`touch " + CANARY + "`;\"x\\";
        assertThat(user.send("POST", "/api/v1/applications/" + id + "/password", Map.of("password", "short"))
                        .statusCode())
                .isEqualTo(400);
        data(user.send("POST", "/api/v1/applications/" + id + "/password", Map.of("password", nasty)), 200);
        assertThat(data(user.get("/api/v1/applications/" + id + "/password"), 200)
                        .path("password")
                        .asText())
                .isEqualTo(nasty);
        assertThat(data(user.get("/api/v1/applications/" + id + "/token"), 422)
                        .path("code")
                        .asText())
                .isEmpty();

        // port-forwards
        String pfSub = unique("pf");
        assertThat(code(user.send(
                        "POST",
                        "/api/v1/applications/" + id + "/port-forwards",
                        Map.of("port", 8080, "subdomain", unique("own")))))
                .isEqualTo("INVALID_PORT");
        assertThat(code(user.send(
                        "POST",
                        "/api/v1/applications/" + id + "/port-forwards",
                        Map.of("port", 70000, "subdomain", unique("big")))))
                .isEqualTo("INVALID_PORT");
        assertThat(code(user.send(
                        "POST",
                        "/api/v1/applications/" + id + "/port-forwards",
                        Map.of("port", 3000, "subdomain", "x;touch " + CANARY))))
                .isEqualTo("INVALID_SUBDOMAIN");
        JsonNode forward = data(
                user.send(
                        "POST",
                        "/api/v1/applications/" + id + "/port-forwards",
                        Map.of("port", 3000, "subdomain", pfSub)),
                201);
        String service = id + "-port-3000";
        assertThat(names(k8s.services("code-server"))).contains(service);
        assertThat(names(k8s.ingresses("code-server"))).contains(service + "-ingress");
        assertThat(dnsNames()).contains(pfSub + "." + DOMAIN);
        assertThat(JSON.readTree(kv("app:" + id + ":port-forwards"))
                        .get(0)
                        .path("service_name")
                        .asText())
                .isEqualTo(service);
        assertThat(data(user.get("/api/v1/applications/" + id + "/port-forwards"), 200))
                .hasSize(1);
        data(
                user.send(
                        "DELETE",
                        "/api/v1/applications/" + id + "/port-forwards/"
                                + forward.path("id").asText(),
                        null),
                200);
        assertThat(names(k8s.services("code-server"))).doesNotContain(service);
        assertThat(dnsNames()).doesNotContain(pfSub + "." + DOMAIN);
        data(
                user.send(
                        "POST",
                        "/api/v1/applications/" + id + "/port-forwards",
                        Map.of("port", 5173, "subdomain", pfSub)),
                201);

        // upgrade
        assertThat(code(user.send("POST", "/api/v1/applications/" + id + "/upgrade", Map.of("version", "1.0$(id)"))))
                .isEqualTo("INVALID_VERSION");
        JsonNode upgrade =
                data(user.send("POST", "/api/v1/applications/" + id + "/upgrade", Map.of("version", newer)), 202);
        assertThat(upgrade.path("application").path("status").asText()).isEqualTo("updating");
        assertThat(awaitJob(upgrade.path("jobId").asText()).path("status").asText())
                .isEqualTo("succeeded");
        assertThat(data(user.get("/api/v1/applications/" + id), 200)
                        .path("app_version")
                        .asText())
                .isEqualTo(newer);
        SandboxK8s.Release upgraded = k8s.release("code-server", release).orElseThrow();
        assertThat(upgraded.revision()).isEqualTo(2);
        assertThat(upgraded.values().path("image").path("tag").asText()).isEqualTo(newer);
        assertThat(data(user.get("/api/v1/applications/" + id + "/password"), 200)
                        .path("password")
                        .asText())
                .isEqualTo(nasty);

        // delete, with the data
        JsonNode deletion = data(user.send("DELETE", "/api/v1/applications/" + id + "?purgeData=true", null), 202);
        assertThat(awaitJob(deletion.path("jobId").asText()).path("status").asText())
                .isEqualTo("succeeded");
        assertThat(kv("app:" + id)).isNull();
        assertThat(kv("app:" + id + ":port-forwards")).isNull();
        assertThat(kv("app:" + id + ":password")).isNull();
        assertThat(dnsNames()).doesNotContain(host, pfSub + "." + DOMAIN);
        assertThat(k8s.release("code-server", release)).isEmpty();
        assertThat(k8s.secretData("code-server", DOMAIN + "-tls")).isEmpty();
        assertThat(names(k8s.persistentVolumeClaims("code-server"))).doesNotContain(release);
        assertThat(names(k8s.services("code-server"))).isEmpty();
        assertThat(user.get("/api/v1/applications/" + id).statusCode()).isEqualTo(404);
    }

    /**
     * Issue 19: C1 controls and U+FFFE/U+FFFF were accepted and left a config SnakeYAML cannot load (every later read
     * 502 PASSWORD_UNAVAILABLE); U+0085 came back as a space. Each refused password answers 400 in the error shape and
     * leaves the config, and so the password, exactly as it was.
     */
    @Test
    void codeServer_refusedPasswords_shouldAnswer400_andChangeNothing() throws Exception {
        String sub = unique("cspw");
        JsonNode accepted = deploy("code-server", sub, null, "Password checks");
        String id = accepted.path("application").path("id").asText();
        assertThat(awaitJob(accepted.path("jobId").asText()).path("status").asText())
                .isEqualTo("succeeded");
        SandboxK8s k8s = SandboxK8s.of(server);
        String pod = k8s.pods("code-server").stream()
                .filter(p -> p.at("/metadata/labels/app.kubernetes.io~1instance")
                        .asText()
                        .equals(sub + "-code-server"))
                .map(p -> p.at("/metadata/name").asText())
                .findFirst()
                .orElseThrow();
        String config = k8s.podFile("code-server", pod, "/home/coder/.config/code-server/config.yaml")
                .orElseThrow();
        String initial = data(user.get("/api/v1/applications/" + id + "/password"), 200)
                .path("password")
                .asText();

        // raw JSON, so the escapes reach the API as the characters they name (\ud800 alone: an unpaired surrogate)
        Map<String, String> refused = new LinkedHashMap<>();
        for (String escape : new String[] {
            "\\u0085", "\\u0080", "\\u009f", "\\ufffe", "\\uffff", "\\ud800", "\\udc00", "\\u0000", "\\n", "\\t"
        }) {
            refused.put("{\"password\":\"Pw-" + escape + "-0123456789\"}", "INVALID_PASSWORD");
        }
        refused.put("{\"password\":\"" + "a".repeat(73) + "\"}", "PASSWORD_TOO_LONG");
        refused.put("{\"password\":\"" + "\\u20ac".repeat(24) + "b\"}", "PASSWORD_TOO_LONG"); // 73 bytes of UTF-8
        for (Map.Entry<String, String> r : refused.entrySet()) {
            HttpResponse<String> answer = user.send("POST", "/api/v1/applications/" + id + "/password", r.getKey());
            assertThat(answer.statusCode()).as(r.getKey()).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            assertThat(code(answer)).as(r.getKey()).isEqualTo(r.getValue());
            assertThat(JSON.readTree(answer.body())
                            .path("error")
                            .path("details")
                            .path("field")
                            .asText())
                    .isEqualTo("password");
            assertThat(answer.body()).doesNotContain("Pw-", "aaaaaaaaaaaa");
        }
        assertThat(k8s.podFile("code-server", pod, "/home/coder/.config/code-server/config.yaml"))
                .contains(config);
        assertThat(data(user.get("/api/v1/applications/" + id + "/password"), 200)
                        .path("password")
                        .asText())
                .isEqualTo(initial);

        // what every sink carries still goes through: 72 bytes of UTF-8, a non-character other than U+FFFE/U+FFFF, BOM
        String fits = "\u20ac".repeat(23) + "abc";
        for (String good : new String[] {fits, "Pw-\ufdd0\ufeff\u2028-0123456789", "Pw-😀-éè-0123456789"}) {
            data(user.send("POST", "/api/v1/applications/" + id + "/password", Map.of("password", good)), 200);
            assertThat(data(user.get("/api/v1/applications/" + id + "/password"), 200)
                            .path("password")
                            .asText())
                    .isEqualTo(good);
        }
        JsonNode deletion = data(user.send("DELETE", "/api/v1/applications/" + id + "?purgeData=true", null), 202);
        assertThat(awaitJob(deletion.path("jobId").asText()).path("status").asText())
                .isEqualTo("succeeded");
    }

    @Test
    void xanthus_shouldDeployFromItsReleaseTagsArchive_withoutGitOnTheServer() throws Exception {
        JsonNode versions = data(user.get("/api/v1/applications/versions/xanthus"), 200);
        String version = versions.get(1).path("version").asText();
        String sub = unique("xp");
        JsonNode accepted = deploy("xanthus", sub, version, "Xanthus");
        JsonNode job = awaitJob(accepted.path("jobId").asText());
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("succeeded");

        SandboxK8s.Release deployed =
                SandboxK8s.of(server).release("xanthus", sub + "-xanthus").orElseThrow();
        // the chart came out of GitHub's archive of tag v<version>, unpacked under the work dir
        String chartDir = "/var/lib/xanthus/charts/xanthus-v" + version.replace('.', '-') + "/charts/xanthus-platform";
        assertThat(deployed.argv()).containsSubsequence("upgrade", "--install", sub + "-xanthus", chartDir);
        assertThat(deployed.argv()).containsSequence("--kubeconfig", "/etc/rancher/k3s/k3s.yaml");
        assertThat(deployed.chart()).isEqualTo("xanthus-platform");
        assertThat(deployed.values().path("image").path("tag").asText()).isEqualTo(version);
        assertThat(deployed.values().path("ingress").path("host").asText()).isEqualTo(sub + "." + DOMAIN);
        assertThat(server.root().resolve(chartDir.substring(1)).resolve("Chart.yaml"))
                .exists();
        assertThat(SandboxK8s.of(server).pods("xanthus").toString()).contains("ghcr.io/chrishham/xanthus:" + version);
        assertThat(data(
                                user.get("/api/v1/applications/"
                                        + accepted.path("application")
                                                .path("id")
                                                .asText()),
                                200)
                        .path("status")
                        .asText())
                .isEqualTo("running");
    }

    @Test
    void argoCd_passwordChange_shouldReallyLogIn() throws Exception {
        JsonNode versions = data(user.get("/api/v1/applications/versions/argocd"), 200);
        JsonNode accepted =
                deploy("argocd", unique("argo"), versions.get(0).path("version").asText(), "Argo");
        String id = accepted.path("application").path("id").asText();
        assertThat(awaitJob(accepted.path("jobId").asText()).path("status").asText())
                .isEqualTo("succeeded");
        SandboxK8s k8s = SandboxK8s.of(server);

        String initial = data(user.get("/api/v1/applications/" + id + "/password"), 200)
                .path("password")
                .asText();
        assertThat(k8s.argoCdPasswordMatches("argocd", initial)).isTrue();
        // bcrypt would ignore byte 73 on, so 73 bytes are refused and the hash and the KV copy stay as they were
        String storedBefore = kv("app:" + id + ":password");
        String hashBefore =
                k8s.secretData("argocd", "argocd-secret").orElseThrow().get("admin.password");
        HttpResponse<String> tooLong =
                user.send("POST", "/api/v1/applications/" + id + "/password", Map.of("password", "a".repeat(72) + "b"));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(code(tooLong)).isEqualTo("PASSWORD_TOO_LONG");
        assertThat(k8s.secretData("argocd", "argocd-secret").orElseThrow().get("admin.password"))
                .isEqualTo(hashBefore);
        assertThat(kv("app:" + id + ":password")).isEqualTo(storedBefore);
        String changed = "a new Argo password " + UUID.randomUUID();
        data(user.send("POST", "/api/v1/applications/" + id + "/password", Map.of("password", changed)), 200);

        assertThat(k8s.argoCdPasswordMatches("argocd", changed)).isTrue();
        assertThat(k8s.argoCdPasswordMatches("argocd", initial)).isFalse();
        assertThat(data(user.get("/api/v1/applications/" + id + "/password"), 200)
                        .path("password")
                        .asText())
                .isEqualTo(changed);
        assertThat(kv("app:" + id + ":password")).doesNotContain(changed);
        assertThat(code(user.send("POST", "/api/v1/applications", body("argocd", unique("argo2"), null, "again"))))
                .isEqualTo("ARGOCD_EXISTS");
    }

    @Test
    void headlamp_shouldGiveTokens_andRefuseATakenSubdomain_andForeignRecords_andBadInput() throws Exception {
        String sub = unique("hl");
        String nastyName = "l $(touch " + CANARY + ")`touch " + CANARY + "`;'";
        JsonNode accepted =
                data(user.send("POST", "/api/v1/applications", body("headlamp", sub, null, nastyName)), 202);
        String id = accepted.path("application").path("id").asText();
        assertThat(code(user.send("POST", "/api/v1/applications", body("code-server", sub, null, "dup"))))
                .isEqualTo("SUBDOMAIN_TAKEN");
        assertThat(awaitJob(accepted.path("jobId").asText()).path("status").asText())
                .isEqualTo("succeeded");
        assertThat(data(user.get("/api/v1/applications/" + id), 200)
                        .path("name")
                        .asText())
                .isEqualTo(nastyName);

        JsonNode tokenData = data(user.get("/api/v1/applications/" + id + "/token"), 200);
        assertThat(tokenData.path("token").asText()).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(tokenData.path("serviceAccount").asText()).isEqualTo(sub + "-headlamp");
        assertThat(tokenData.path("durationSeconds").asLong()).isEqualTo(86400);
        assertThat(data(user.get("/api/v1/applications/" + id + "/token?duration=8760h"), 200)
                        .path("durationSeconds")
                        .asLong())
                .isEqualTo(8760L * 3600);
        assertThat(code(user.get("/api/v1/applications/" + id + "/token?duration=2y")))
                .isEqualTo("INVALID_DURATION");
        assertThat(code(user.get("/api/v1/applications/" + id + "/password"))).isEqualTo("NOT_SUPPORTED");
        assertThat(SandboxK8s.of(server).tokens())
                .anyMatch(t -> t.serviceAccount().equals(sub + "-headlamp"));

        String foreign = unique("manual");
        HttpCloudflareClient.create(CloudflareSandbox.SIM.baseUri())
                .withToken(user.token())
                .createDnsRecord(
                        CloudflareSandbox.SIM.zoneId(DOMAIN),
                        new DnsRecordInput("A", foreign + "." + DOMAIN, "192.0.2.1", false, 1, null));
        assertThat(code(user.send("POST", "/api/v1/applications", body("code-server", foreign, null, "x"))))
                .isEqualTo("DNS_RECORD_EXISTS");

        for (String bad : List.of(
                "x;touch " + CANARY,
                "$(touch " + CANARY + ")",
                "`touch " + CANARY + "`",
                "a b",
                "UPPER",
                "-x",
                "x".repeat(64))) {
            assertThat(user.send("POST", "/api/v1/applications", body("code-server", bad, null, "x"))
                            .statusCode())
                    .as(bad)
                    .isEqualTo(400);
        }
        for (String bad : List.of("1.0;touch " + CANARY, "$(touch " + CANARY + ")", "latest", "1.0 2")) {
            Map<String, Object> b = new HashMap<>(body("code-server", unique("v"), null, "x"));
            b.put("version", bad);
            assertThat(code(user.send("POST", "/api/v1/applications", b)))
                    .as(bad)
                    .isEqualTo("INVALID_VERSION");
        }
        Map<String, Object> missing = new HashMap<>(body("code-server", unique("v"), null, "x"));
        missing.put("version", "9.9.9");
        assertThat(code(user.send("POST", "/api/v1/applications", missing))).isEqualTo("VERSION_NOT_AVAILABLE");
        Map<String, Object> unmanaged = new HashMap<>(body("code-server", unique("d"), null, "x"));
        unmanaged.put("domain", "example.com");
        assertThat(code(user.send("POST", "/api/v1/applications", unmanaged))).isEqualTo("DOMAIN_NOT_MANAGED");
    }

    @Test
    void delete_shouldCleanKv_whenTheAppsServerIsGone() throws Exception {
        // given an app record (Go schema) whose server no longer exists anywhere
        String id = "app-gone" + UUID.randomUUID().toString().substring(0, 8);
        CloudflareSandbox.SIM.putKvValues(
                ACCOUNT,
                user.namespaceId(),
                Map.of(
                        "app:" + id,
                        JSON.writeValueAsString(Map.of(
                                "id",
                                id,
                                "name",
                                "orphan",
                                "app_type",
                                "headlamp",
                                "app_version",
                                "0.28.0",
                                "subdomain",
                                "orphan",
                                "domain",
                                DOMAIN,
                                "vps_id",
                                "987654",
                                "namespace",
                                "headlamp",
                                "status",
                                "running",
                                "url",
                                "https://orphan." + DOMAIN)),
                        "app:" + id + ":port-forwards",
                        "[]"));

        // when it is deleted
        JsonNode deletion = data(user.send("DELETE", "/api/v1/applications/" + id, null), 202);

        // then the job skips the server-side steps and removes the records
        assertThat(awaitJob(deletion.path("jobId").asText()).path("status").asText())
                .isEqualTo("succeeded");
        assertThat(kv("app:" + id)).isNull();
        assertThat(kv("app:" + id + ":port-forwards")).isNull();
    }

    @Test
    void deploy_shouldBe422_whenTheServerIsTooSmallForItsApps_bySizeRecordedAtCreate() throws Exception {
        // a cx23 (2 vCPU, 4 GB, 40 GB) as Xanthus records it: argocd + open-webui + code-server need 5 GB memory
        long fakeId = serverId + 1_000_000;
        ObjectNode config = (ObjectNode) JSON.readTree(kv("vps:" + serverId + ":config"));
        config.put("server_id", fakeId)
                .put("server_type", "cx23")
                .put("cores", 2)
                .put("memory_gb", 4)
                .put("disk_gb", 40);

        HttpResponse<String> response = deployOnto(fakeId, config);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(code(response)).isEqualTo("SERVER_TOO_SMALL");
        assertThat(JSON.readTree(response.body()).path("error").path("message").asText())
                .contains("cx23: 2 vCPU, 4 GB, 40 GB");
    }

    @Test
    void deploy_shouldBe422_onAGoProgramServerTooSmall_bySizeReadFromHetzner() throws Exception {
        // A config the Go program wrote (no size) for a real cx23 at Hetzner; its server_type even names a big type, so
        // only Hetzner's answer can make this refuse.
        HttpHetznerClient hetzner = new HttpHetznerClient(
                JsonHttp.create(RetryAdvice.rateLimitReset()),
                HetznerSandbox.SIM.baseUri(),
                HetznerSimulator.DEFAULT_TOKEN);
        long goId = hetzner.createServer(new CreateServerRequest(
                        unique("go"),
                        "cx23",
                        "ubuntu-24.04",
                        "nbg1",
                        List.of(),
                        null,
                        Map.of("managed_by", "xanthus"),
                        true))
                .server()
                .id();
        ObjectNode config = JSON.createObjectNode()
                .put("server_id", goId)
                .put("name", "go-made")
                .put("server_type", "cx53")
                .put("location", "nbg1")
                .put("public_ipv4", "192.0.2.77")
                .put("ssh_user", "root")
                .put("ssh_port", 22)
                .put("provider", "Hetzner");
        int reads = HetznerSandbox.SIM.http().calls("GET /servers/{id}");
        try {
            HttpResponse<String> response = deployOnto(goId, config);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
            assertThat(code(response)).isEqualTo("SERVER_TOO_SMALL");
            assertThat(JSON.readTree(response.body())
                            .path("error")
                            .path("message")
                            .asText())
                    .contains("cx23: 2 vCPU, 4 GB, 40 GB");
            assertThat(HetznerSandbox.SIM.http().calls("GET /servers/{id}")).isGreaterThan(reads);
        } finally {
            hetzner.deleteServer(goId);
        }
    }

    /** Puts {@code config} and two apps (argocd, open-webui) on server {@code id} in KV, deploys code-server there. */
    private HttpResponse<String> deployOnto(long id, ObjectNode config) throws Exception {
        Map<String, String> records = new HashMap<>();
        records.put("vps:" + id + ":config", config.toString());
        for (String type : List.of("argocd", "open-webui")) {
            String appId = "app-fake" + id + type.replace("-", "");
            records.put(
                    "app:" + appId,
                    JSON.writeValueAsString(Map.of(
                            "id",
                            appId,
                            "app_type",
                            type,
                            "subdomain",
                            unique("f"),
                            "domain",
                            DOMAIN,
                            "vps_id",
                            Long.toString(id),
                            "status",
                            "running")));
        }
        CloudflareSandbox.SIM.putKvValues(ACCOUNT, user.namespaceId(), records);
        try {
            Map<String, Object> b = new HashMap<>(body("code-server", unique("small"), null, "x"));
            b.put("vpsId", Long.toString(id));
            return user.send("POST", "/api/v1/applications", b);
        } finally {
            for (String key : records.keySet()) {
                new dev.xanthus.core.kv.KvStore(
                                HttpCloudflareClient.create(CloudflareSandbox.SIM.baseUri())
                                        .withToken(user.token()),
                                ACCOUNT,
                                user.namespaceId())
                        .delete(key);
            }
        }
    }

    @Test
    void deploy_whoseWorkerDies_shouldBeMarkedFailedByTheLease_andARetryShouldComplete() throws Exception {
        SandboxK8s k8s = SandboxK8s.of(server);
        String sub = unique("webui");
        k8s.setHelmWait(Duration.ofSeconds(4));
        JsonNode accepted;
        String jobId;
        try {
            accepted = data(user.send("POST", "/api/v1/applications", body("open-webui", sub, null, "chat")), 202);
            jobId = accepted.path("jobId").asText();
            user.await("/api/v1/jobs/" + jobId, j -> StreamSupport.stream(
                            j.path("steps").spliterator(), false)
                    .anyMatch(s -> s.path("name").asText().equals("helm")
                            && s.path("state").asText().equals("RUNNING")));
            // the worker stops heartbeating as far as the clock is concerned: the lease runs out
            CloudflareSandbox.CLOCK.advance(Duration.ofMinutes(3));
            JsonNode failed = data(user.get("/api/v1/jobs/" + jobId), 200);
            assertThat(failed.path("status").asText()).isEqualTo("failed");
            assertThat(failed.path("error").asText()).contains("stopped responding");
            String id = accepted.path("application").path("id").asText();
            assertThat(data(user.get("/api/v1/applications/" + id), 200)
                            .path("status")
                            .asText())
                    .isEqualTo("failed");
            // let the abandoned worker's helm call end (its next write is refused: it lost the lease)
            awaitTrue(() -> k8s.release("open-webui", sub + "-open-webui")
                    .map(r -> r.status().equals("deployed"))
                    .orElse(false));
        } finally {
            k8s.setHelmWait(Duration.ofMillis(300));
        }
        data(user.send("POST", "/api/v1/jobs/" + jobId + "/retry", null), 202);
        JsonNode done = awaitJob(jobId);
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(done.path("attempt").asInt()).isEqualTo(2);
        String id = accepted.path("application").path("id").asText();
        assertThat(data(user.get("/api/v1/applications/" + id), 200)
                        .path("status")
                        .asText())
                .isEqualTo("running");
        assertThat(k8s.release("open-webui", sub + "-open-webui")
                        .orElseThrow()
                        .values()
                        .toString())
                .contains("WEBUI_SECRET_KEY");
    }

    // ------------------------------------------------------------------ helpers

    private Map<String, Object> body(String type, String sub, String version, String name) {
        Map<String, Object> b = new HashMap<>();
        b.put("name", name);
        b.put("description", "test");
        b.put("appType", type);
        b.put("subdomain", sub);
        b.put("domain", DOMAIN);
        b.put("vpsId", Long.toString(serverId));
        if (version != null) {
            b.put("version", version);
        }
        return b;
    }

    @Test
    void concurrentCreates_onOneSubdomain_shouldDeployOnce() throws Exception {
        String sub = unique("race");
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<HttpResponse<String>> answers = new ArrayList<>();
        try {
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                calls.add(pool.submit(
                        () -> user.send("POST", "/api/v1/applications", body("headlamp", sub, null, "race"))));
            }
            for (Future<HttpResponse<String>> call : calls) {
                answers.add(call.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        List<HttpResponse<String>> accepted =
                answers.stream().filter(r -> r.statusCode() == 202).toList();
        assertThat(accepted).hasSize(1);
        for (HttpResponse<String> refused :
                answers.stream().filter(r -> r.statusCode() != 202).toList()) {
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(code(refused)).isIn("SUBDOMAIN_TAKEN", "BUSY");
        }
        JsonNode app = data(accepted.get(0), 202);
        assertThat(awaitJob(app.path("jobId").asText()).path("status").asText()).isEqualTo("succeeded");
        List<JsonNode> onHost = new ArrayList<>();
        data(user.get("/api/v1/applications"), 200).forEach(a -> {
            if (a.path("url").asText().equals("https://" + sub + "." + DOMAIN)) {
                onHost.add(a);
            }
        });
        assertThat(onHost).hasSize(1);
        assertThat(dnsNames()).containsOnlyOnce(sub + "." + DOMAIN);

        String id = app.path("application").path("id").asText();
        JsonNode deleted = data(user.send("DELETE", "/api/v1/applications/" + id, null), 202);
        assertThat(awaitJob(deleted.path("jobId").asText()).path("status").asText())
                .isEqualTo("succeeded");
    }

    private JsonNode deploy(String type, String sub, String version, String name) throws Exception {
        return data(user.send("POST", "/api/v1/applications", body(type, sub, version, name)), 202);
    }

    private JsonNode awaitJob(String jobId) throws Exception {
        return user.await(
                "/api/v1/jobs/" + jobId,
                j -> j.path("status").asText().equals("succeeded")
                        || j.path("status").asText().equals("failed"));
    }

    private List<String> dnsNames() {
        return CloudflareSandbox.SIM.snapshot(DOMAIN).dnsRecords().stream()
                .map(r -> r.name())
                .toList();
    }

    private static List<String> names(List<JsonNode> objects) {
        return objects.stream()
                .map(o -> o.path("metadata").path("name").asText())
                .toList();
    }

    private String kv(String key) {
        return CloudflareSandbox.SIM.kvValue(ACCOUNT, user.namespaceId(), key).orElse(null);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(150);
        }
        throw new AssertionError("condition not met in time");
    }
}
