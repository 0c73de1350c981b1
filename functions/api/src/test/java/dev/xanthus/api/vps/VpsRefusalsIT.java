package dev.xanthus.api.vps;

import static dev.xanthus.api.testing.ApiClient.code;
import static dev.xanthus.api.testing.ApiClient.data;
import static dev.xanthus.api.testing.ApiClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xanthus.api.testing.CloudflareSandbox;
import dev.xanthus.sandbox.ssh.SandboxServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the vps routes refuse over HTTP, and that a refusal creates nothing and reaches no shell: unknown ids, taken
 * names, bad and hostile input, types Hetzner no longer sells, a host key that changed.
 */
class VpsRefusalsIT extends VpsOverHttp {

    @Test
    void unknownIds_shouldBe404_onEveryRouteThatTakesOne() throws Exception {
        signInWithHetznerKey();
        long unknown = 987654321L;
        List<String[]> routes = List.of(
                new String[] {"GET", "/api/v1/vps/" + unknown},
                new String[] {"DELETE", "/api/v1/vps/" + unknown},
                new String[] {"GET", "/api/v1/vps/" + unknown + "/status"},
                new String[] {"GET", "/api/v1/vps/" + unknown + "/info"},
                new String[] {"GET", "/api/v1/vps/" + unknown + "/logs"},
                new String[] {"GET", "/api/v1/vps/" + unknown + "/k3s-logs"},
                new String[] {"GET", "/api/v1/vps/" + unknown + "/applications"},
                new String[] {"GET", "/api/v1/vps/" + unknown + "/timezone"},
                new String[] {"GET", "/api/v1/vps/" + unknown + "/actions/1"},
                new String[] {"GET", "/api/v1/applications/app-unknown"},
                new String[] {"DELETE", "/api/v1/applications/app-unknown"},
                new String[] {"GET", "/api/v1/applications/app-unknown/password"},
                new String[] {"GET", "/api/v1/applications/app-unknown/token"},
                new String[] {"GET", "/api/v1/applications/app-unknown/port-forwards"},
                new String[] {"DELETE", "/api/v1/applications/app-unknown/port-forwards/pf-unknown"},
                new String[] {"GET", "/api/v1/jobs/job-unknown"},
                new String[] {"POST", "/api/v1/jobs/job-unknown/retry"},
                new String[] {"DELETE", "/api/v1/terminal/sessions/" + UUID.randomUUID()},
                new String[] {"GET", "/api/v1/terminal/sessions/" + UUID.randomUUID() + "/recording"},
                new String[] {"GET", "/api/v1/dns/unknown-zone.example"});
        List<String> wrong = new java.util.ArrayList<>();
        for (String[] route : routes) {
            HttpResponse<String> response = user.send(route[0], route[1], null);
            if (response.statusCode() != 404) {
                wrong.add(route[0] + " " + route[1] + " -> " + response.statusCode() + " " + response.body());
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void duplicateName_shouldBe409_onValidateAndCreate() throws Exception {
        signInWithHetznerKey();
        String name = unique("dup");
        long id = user.createServer(name).path("server").path("id").asLong();
        try {
            HttpResponse<String> validate = user.send("POST", "/api/v1/vps/validate-name", Map.of("name", name));
            HttpResponse<String> again =
                    user.send("POST", "/api/v1/vps", Map.of("name", name, "location", "fsn1", "serverType", "cx23"));

            assertThat(validate.statusCode()).isEqualTo(409);
            assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
            assertThat(code(again)).isEqualTo("NAME_TAKEN");
            assertThat(data(user.send("POST", "/api/v1/vps/validate-name", Map.of("name", unique("free"))), 200)
                            .path("available")
                            .asBoolean())
                    .isTrue();
        } finally {
            user.send("DELETE", "/api/v1/vps/" + id, null);
        }
    }

    @Test
    void createWithBadInput_shouldBe4xx_andCreateNothing() throws Exception {
        signInWithHetznerKey();
        int creates = HETZNER.http().calls("POST /servers");

        assertThat(user.send(
                                "POST",
                                "/api/v1/vps",
                                Map.of("name", "Bad_Name", "location", "fsn1", "serverType", "cx23"))
                        .statusCode())
                .isEqualTo(400);
        assertThat(code(user.send(
                        "POST", "/api/v1/vps", Map.of("name", unique("x"), "location", "mars1", "serverType", "cx23"))))
                .isEqualTo("INVALID_LOCATION");
        assertThat(code(user.send(
                        "POST", "/api/v1/vps", Map.of("name", unique("x"), "location", "fsn1", "serverType", "cx999"))))
                .isEqualTo("INVALID_SERVER_TYPE");
        assertThat(code(user.send(
                        "POST",
                        "/api/v1/vps",
                        Map.of(
                                "name",
                                unique("x"),
                                "location",
                                "fsn1",
                                "serverType",
                                "cx23",
                                "timezone",
                                "Mars/Olympus"))))
                .isEqualTo("INVALID_TIMEZONE");
        assertThat(user.send("POST", "/api/v1/vps/validate-name", Map.of("name", "a".repeat(64)))
                        .statusCode())
                .isEqualTo(400);

        assertThat(HETZNER.http().calls("POST /servers")).isEqualTo(creates);
    }

    @Test
    void createWithADeprecatedOrUnavailableType_shouldBe409_andNeverReachHetzner() throws Exception {
        signInWithHetznerKey();
        int creates = HETZNER.http().calls("POST /servers");

        // cx22: deprecated, Hetzner stopped selling it; cpx31: deprecated but Hetzner would still create it
        for (String deprecated : java.util.List.of("cx22", "cpx31")) {
            HttpResponse<String> refused = user.send(
                    "POST", "/api/v1/vps", Map.of("name", unique("x"), "location", "fsn1", "serverType", deprecated));
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            assertThat(code(refused)).isEqualTo("SERVER_TYPE_DEPRECATED");
            assertThat(JSON.readTree(refused.body())
                            .path("error")
                            .path("message")
                            .asText())
                    .contains(deprecated)
                    .contains("deprecated");
        }
        HttpResponse<String> soldOut =
                user.send("POST", "/api/v1/vps", Map.of("name", unique("x"), "location", "sin", "serverType", "cpx12"));
        assertThat(soldOut.statusCode()).as(soldOut.body()).isEqualTo(409);
        assertThat(code(soldOut)).isEqualTo("SERVER_TYPE_UNAVAILABLE");
        HttpResponse<String> notSoldThere =
                user.send("POST", "/api/v1/vps", Map.of("name", unique("x"), "location", "ash", "serverType", "cax11"));
        assertThat(notSoldThere.statusCode()).isEqualTo(409);
        assertThat(code(notSoldThere)).isEqualTo("SERVER_TYPE_UNAVAILABLE");

        assertThat(HETZNER.http().calls("POST /servers")).isEqualTo(creates);
    }

    @Test
    void hostileInput_shouldBe400_andNeverReachAShell() throws Exception {
        signInWithHetznerKey();
        long id = user.createServer(unique("inj")).path("server").path("id").asLong();
        try {
            SandboxServer server = HETZNER.sandboxServer(id).orElseThrow();
            Path canary = server.root().resolve("pwned");
            user.await("/api/v1/vps/" + id + "/status", s -> s.path("reachable").asBoolean());

            for (String zone : new String[] {
                "Europe/Berlin; touch " + canary,
                "Europe/Berlin$(touch " + canary + ")",
                "`touch " + canary + "`",
                "Europe/Berlin'\ntouch " + canary,
                "../../etc/passwd"
            }) {
                HttpResponse<String> response =
                        user.send("PUT", "/api/v1/vps/" + id + "/timezone", Map.of("timezone", zone));
                assertThat(response.statusCode()).as(zone).isEqualTo(400);
                assertThat(code(response)).isEqualTo("INVALID_TIMEZONE");
            }
            for (String lines :
                    new String[] {"1;reboot", "1 && touch " + canary, "$(touch " + canary + ")", "0", "1001", "-5"}) {
                HttpResponse<String> response = user.get(
                        "/api/v1/vps/" + id + "/logs?lines=" + URLEncoder.encode(lines, StandardCharsets.UTF_8));
                assertThat(response.statusCode()).as(lines).isEqualTo(400);
                assertThat(code(response)).isEqualTo("INVALID_LINES");
            }
            for (String name : new String[] {"a$(touch " + canary + ")", "a`id`", "a'b", "a\nb", "a;b"}) {
                assertThat(user.send(
                                        "POST",
                                        "/api/v1/vps",
                                        Map.of("name", name, "location", "fsn1", "serverType", "cx23"))
                                .statusCode())
                        .as(name)
                        .isEqualTo(400);
            }
            assertThat(Files.exists(canary)).isFalse();
            assertThat(user.field("/api/v1/vps/" + id + "/timezone", "current")).isEqualTo("UTC");
        } finally {
            user.send("DELETE", "/api/v1/vps/" + id, null);
        }
    }

    @Test
    void changedHostKey_shouldBe502HostKeyMismatch_neverIgnored() throws Exception {
        signInWithHetznerKey();
        long id = user.createServer(unique("pin")).path("server").path("id").asLong();
        try {
            user.await("/api/v1/vps/" + id + "/status", s -> s.path("reachable").asBoolean());
            String key = "vps:" + id + ":config";
            JsonNode config = JSON.readTree(user.kv(key));
            ((com.fasterxml.jackson.databind.node.ObjectNode) config)
                    .put("host_key_fingerprint", "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
            CloudflareSandbox.SIM.putKvValues(
                    ACCOUNT, user.namespaceId(), Map.of(key, JSON.writeValueAsString(config)));

            HttpResponse<String> status = user.get("/api/v1/vps/" + id + "/status");

            assertThat(status.statusCode()).isEqualTo(502);
            assertThat(code(status)).isEqualTo("HOST_KEY_MISMATCH");
        } finally {
            user.send("DELETE", "/api/v1/vps/" + id, null);
        }
    }
}
