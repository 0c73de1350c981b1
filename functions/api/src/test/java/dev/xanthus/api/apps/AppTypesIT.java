package dev.xanthus.api.apps;

import static dev.xanthus.api.testing.ApiClient.code;
import static dev.xanthus.api.testing.ApiClient.data;
import static dev.xanthus.api.testing.ApiClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xanthus.api.testing.CloudflareSandbox;
import dev.xanthus.clients.cloudflare.DnsRecordInput;
import dev.xanthus.clients.cloudflare.HttpCloudflareClient;
import dev.xanthus.sandbox.k8s.SandboxK8s;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What each of the other catalog apps adds over HTTP: Xanthus from its release archive, Argo CD's password that really
 * logs in, Headlamp's tokens; and what every deploy refuses (a taken subdomain, foreign records, bad input).
 */
class AppTypesIT extends AppsOnAServer {

    @Test
    void xanthus_shouldDeployFromItsReleaseTagsArchive_withoutGitOnTheServer() throws Exception {
        JsonNode versions = data(user.get("/api/v1/applications/versions/xanthus"), 200);
        String version = versions.get(1).path("version").asText();
        String sub = unique("xp");
        JsonNode accepted = deploy("xanthus", sub, version, "Xanthus");
        JsonNode job = user.awaitJob(accepted.path("jobId").asText());
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
        assertThat(user.field(
                        "/api/v1/applications/"
                                + accepted.path("application").path("id").asText(),
                        "status"))
                .isEqualTo("running");
    }

    @Test
    void argoCd_passwordChange_shouldReallyLogIn() throws Exception {
        JsonNode versions = data(user.get("/api/v1/applications/versions/argocd"), 200);
        JsonNode accepted =
                deploy("argocd", unique("argo"), versions.get(0).path("version").asText(), "Argo");
        String id = accepted.path("application").path("id").asText();
        assertThat(user.awaitJob(accepted.path("jobId").asText()).path("status").asText())
                .isEqualTo("succeeded");
        SandboxK8s k8s = SandboxK8s.of(server);

        String initial = user.field("/api/v1/applications/" + id + "/password", "password");
        assertThat(k8s.argoCdPasswordMatches("argocd", initial)).isTrue();
        // bcrypt would ignore byte 73 on, so 73 bytes are refused and the hash and the KV copy stay as they were
        String storedBefore = user.kv("app:" + id + ":password");
        String hashBefore =
                k8s.secretData("argocd", "argocd-secret").orElseThrow().get("admin.password");
        HttpResponse<String> tooLong =
                user.send("POST", "/api/v1/applications/" + id + "/password", Map.of("password", "a".repeat(72) + "b"));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(code(tooLong)).isEqualTo("PASSWORD_TOO_LONG");
        assertThat(k8s.secretData("argocd", "argocd-secret").orElseThrow().get("admin.password"))
                .isEqualTo(hashBefore);
        assertThat(user.kv("app:" + id + ":password")).isEqualTo(storedBefore);
        String changed = "a new Argo password " + UUID.randomUUID();
        data(user.send("POST", "/api/v1/applications/" + id + "/password", Map.of("password", changed)), 200);

        assertThat(k8s.argoCdPasswordMatches("argocd", changed)).isTrue();
        assertThat(k8s.argoCdPasswordMatches("argocd", initial)).isFalse();
        assertThat(user.field("/api/v1/applications/" + id + "/password", "password"))
                .isEqualTo(changed);
        assertThat(user.kv("app:" + id + ":password")).doesNotContain(changed);
        assertThat(code(user.send("POST", "/api/v1/applications", body("argocd", unique("argo2"), null, "again"))))
                .isEqualTo("ARGOCD_EXISTS");
    }

    @Test
    void headlamp_shouldGiveTokens_andRefuseATakenSubdomain_andForeignRecords_andBadInput() throws Exception {
        String sub = unique("hl");
        String nastyName = "l $(touch " + canary + ")`touch " + canary + "`;'";
        JsonNode accepted =
                data(user.send("POST", "/api/v1/applications", body("headlamp", sub, null, nastyName)), 202);
        String id = accepted.path("application").path("id").asText();
        assertThat(code(user.send("POST", "/api/v1/applications", body("code-server", sub, null, "dup"))))
                .isEqualTo("SUBDOMAIN_TAKEN");
        assertThat(user.awaitJob(accepted.path("jobId").asText()).path("status").asText())
                .isEqualTo("succeeded");
        assertThat(user.field("/api/v1/applications/" + id, "name")).isEqualTo(nastyName);

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
                "x;touch " + canary,
                "$(touch " + canary + ")",
                "`touch " + canary + "`",
                "a b",
                "UPPER",
                "-x",
                "x".repeat(64))) {
            assertThat(user.send("POST", "/api/v1/applications", body("code-server", bad, null, "x"))
                            .statusCode())
                    .as(bad)
                    .isEqualTo(400);
        }
        for (String bad : List.of("1.0;touch " + canary, "$(touch " + canary + ")", "latest", "1.0 2")) {
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
}
