package dev.xanthus.api.apps;

import static dev.xanthus.api.testing.ApiClient.code;
import static dev.xanthus.api.testing.ApiClient.data;
import static dev.xanthus.api.testing.ApiClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xanthus.sandbox.k8s.SandboxK8s;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * code-server end to end over HTTP (real Tomcat, dynalite, the Cloudflare / Hetzner / releases simulators and a
 * sandbox server over real SSH): its whole life, and the passwords every sink refuses.
 */
class CodeServerIT extends AppsOnAServer {

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
        JsonNode job = user.awaitJob(accepted.path("jobId").asText());
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.path("steps")).hasSize(7);

        JsonNode app = data(user.get("/api/v1/applications/" + id), 200);
        assertThat(app.path("status").asText()).isEqualTo("running");
        assertThat(app.path("app_version").asText()).isEqualTo(older);
        assertThat(app.path("url").asText()).isEqualTo("https://" + host);
        JsonNode stored = JSON.readTree(user.kv("app:" + id));
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
        String initial = user.field("/api/v1/applications/" + id + "/password", "password");
        assertThat(initial).hasSizeGreaterThanOrEqualTo(12);
        String nasty = "p4ss'$(touch " + canary + ")`touch " + canary + "`;\"x\\";
        assertThat(user.send("POST", "/api/v1/applications/" + id + "/password", Map.of("password", "short"))
                        .statusCode())
                .isEqualTo(400);
        data(user.send("POST", "/api/v1/applications/" + id + "/password", Map.of("password", nasty)), 200);
        assertThat(user.field("/api/v1/applications/" + id + "/password", "password"))
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
                        Map.of("port", 3000, "subdomain", "x;touch " + canary))))
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
        assertThat(JSON.readTree(user.kv("app:" + id + ":port-forwards"))
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
        assertThat(user.awaitJob(upgrade.path("jobId").asText()).path("status").asText())
                .isEqualTo("succeeded");
        assertThat(user.field("/api/v1/applications/" + id, "app_version")).isEqualTo(newer);
        SandboxK8s.Release upgraded = k8s.release("code-server", release).orElseThrow();
        assertThat(upgraded.revision()).isEqualTo(2);
        assertThat(upgraded.values().path("image").path("tag").asText()).isEqualTo(newer);
        assertThat(user.field("/api/v1/applications/" + id + "/password", "password"))
                .isEqualTo(nasty);

        // delete, with the data
        JsonNode deletion = data(user.send("DELETE", "/api/v1/applications/" + id + "?purgeData=true", null), 202);
        assertThat(user.awaitJob(deletion.path("jobId").asText()).path("status").asText())
                .isEqualTo("succeeded");
        assertThat(user.kv("app:" + id)).isNull();
        assertThat(user.kv("app:" + id + ":port-forwards")).isNull();
        assertThat(user.kv("app:" + id + ":password")).isNull();
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
        assertThat(user.awaitJob(accepted.path("jobId").asText()).path("status").asText())
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
        String initial = user.field("/api/v1/applications/" + id + "/password", "password");

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
        assertThat(user.field("/api/v1/applications/" + id + "/password", "password"))
                .isEqualTo(initial);

        // what every sink carries still goes through: 72 bytes of UTF-8, a non-character other than U+FFFE/U+FFFF, BOM
        String fits = "\u20ac".repeat(23) + "abc";
        for (String good : new String[] {fits, "Pw-\ufdd0\ufeff\u2028-0123456789", "Pw-😀-éè-0123456789"}) {
            data(user.send("POST", "/api/v1/applications/" + id + "/password", Map.of("password", good)), 200);
            assertThat(user.field("/api/v1/applications/" + id + "/password", "password"))
                    .isEqualTo(good);
        }
        JsonNode deletion = data(user.send("DELETE", "/api/v1/applications/" + id + "?purgeData=true", null), 202);
        assertThat(user.awaitJob(deletion.path("jobId").asText()).path("status").asText())
                .isEqualTo("succeeded");
    }
}
