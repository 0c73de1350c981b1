package dev.xanthus.api.vps;

import static dev.xanthus.api.testing.ApiClient.awaitTrue;
import static dev.xanthus.api.testing.ApiClient.data;
import static dev.xanthus.api.testing.ApiClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xanthus.api.testing.CloudflareSandbox;
import dev.xanthus.clients.cloudflare.CloudflareClient;
import dev.xanthus.clients.cloudflare.DnsRecordInput;
import dev.xanthus.clients.cloudflare.HttpCloudflareClient;
import dev.xanthus.sandbox.cloudflare.ZoneSnapshot;
import dev.xanthus.sandbox.hetzner.HetznerSimulator;
import dev.xanthus.sandbox.http.Fault;
import dev.xanthus.sandbox.ssh.SandboxServer;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Hetzner server's life over HTTP and SSH (real Tomcat, dynalite, both simulators, sandbox servers over real SSH):
 * created, provisioned by its own user data, operated and deleted with what it carried; a broken setup; a server
 * gone at Hetzner; a create whose answer is lost.
 */
class VpsLifecycleIT extends VpsOverHttp {

    @Test
    void serverLifecycle_shouldCreateProvisionOperateAndDeleteEverything_overHttpAndSsh() throws Exception {
        signInWithHetznerKey();
        String name = unique("life");

        JsonNode created = user.createServer(name, "cx23", "America/Sao_Paulo");
        long id = created.path("server").path("id").asLong();
        String ip = created.path("server").path("ipv4").asText();
        assertThat(created.path("config").path("provider").asText()).isEqualTo("Hetzner");
        JsonNode config = JSON.readTree(user.kv("vps:" + id + ":config"));
        assertThat(config.path("ssh_user").asText()).isEqualTo("root");
        assertThat(config.path("ssh_port").asInt()).isEqualTo(22);
        assertThat(config.path("public_ipv4").asText()).isEqualTo(ip);
        assertThat(config.path("monthly_rate").asDouble()).isGreaterThan(3.49);
        // Hetzner's size of cx23, recorded for the applications' capacity check (the Go program ignores these fields)
        assertThat(config.path("cores").asDouble()).isEqualTo(2);
        assertThat(config.path("memory_gb").asDouble()).isEqualTo(4);
        assertThat(config.path("disk_gb").asDouble()).isEqualTo(40);
        assertThat(config.has("datacenter")).isFalse();
        assertThat(HETZNER.sandboxServer(id)).isPresent();

        JsonNode ready =
                user.await("/api/v1/vps/" + id + "/status", s -> s.path("ready").asBoolean());
        assertThat(ready.path("stage").asText()).isEqualTo("READY");
        assertThat(ready.path("k3s").asText()).isEqualTo("active");
        assertThat(ready.path("memory").path("total_mb").asLong()).isPositive();
        assertThat(ready.path("disk").path("size").asText()).isEqualTo("38G");
        String pinned = JSON.readTree(user.kv("vps:" + id + ":config"))
                .path("host_key_fingerprint")
                .asText();
        assertThat(pinned).isEqualTo(HETZNER.sandboxServer(id).orElseThrow().hostKeyFingerprint());

        // READY came from the user data Xanthus sent, run by the server's cloud-init: its files, packages and commands
        SandboxServer box = HETZNER.sandboxServer(id).orElseThrow();
        assertThat(box.userData()).startsWith("#cloud-config").contains("XANTHUS_TIMEZONE='America/Sao_Paulo'");
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(box.root().resolve("opt/xanthus/setup.env"))))
                .isEqualTo("rw-------");
        assertThat(box.owner("/opt/xanthus/setup.env")).isEqualTo("root:root");
        assertThat(Files.readString(box.root().resolve("etc/ssh/sshd_config.d/10-xanthus.conf")))
                .contains("PermitRootLogin prohibit-password");
        assertThat(Files.readAllLines(box.root().resolve("var/lib/xanthus/apt-installed")))
                .contains("jq", "ufw");
        assertThat(Files.readString(box.root().resolve("etc/ufw/xanthus-rules")))
                .contains("allow 443/tcp", "enable");
        assertThat(Files.readString(box.root().resolve("opt/xanthus/setup.log")))
                .contains("INSTALLING_K3S", "READY");
        // the zone picked at creation is the server's, as its setup set it
        JsonNode picked = data(user.get("/api/v1/vps/" + id + "/timezone"), 200);
        assertThat(picked.path("current").asText()).isEqualTo("America/Sao_Paulo");
        assertThat(picked.path("configured").asText()).isEqualTo("America/Sao_Paulo");
        assertThat(user.field("/api/v1/vps/" + id + "/info", "info")).contains("Time zone: America/Sao_Paulo");

        assertThat(user.field("/api/v1/vps/" + id + "/info", "hostname")).isEqualTo(name);
        assertThat(user.field("/api/v1/vps/" + id + "/logs?lines=5", "journal"))
                .contains("Cloud-init v. 24.4 finished. Status: done");
        assertThat(user.field("/api/v1/vps/" + id + "/k3s-logs", "logs")).contains("k3s[");

        JsonNode zone =
                data(user.send("PUT", "/api/v1/vps/" + id + "/timezone", Map.of("timezone", "Europe/Berlin")), 200);
        assertThat(zone.path("current").asText()).isEqualTo("Europe/Berlin");
        assertThat(user.field("/api/v1/vps/" + id + "/timezone", "current")).isEqualTo("Europe/Berlin");
        assertThat(JSON.readTree(user.kv("vps:" + id + ":config"))
                        .path("timezone")
                        .asText())
                .isEqualTo("Europe/Berlin");

        JsonNode off = data(user.send("POST", "/api/v1/vps/" + id + "/power", Map.of("action", "off")), 202);
        user.await(
                "/api/v1/vps/" + id + "/actions/" + off.path("id").asLong(),
                a -> a.path("status").asText().equals("success"));
        assertThat(user.field("/api/v1/vps/" + id, "status")).isEqualTo("off");
        assertThat(data(user.get("/api/v1/vps/" + id + "/status"), 200)
                        .path("reachable")
                        .asBoolean())
                .isFalse();

        JsonNode on = data(user.send("POST", "/api/v1/vps/" + id + "/power", Map.of("action", "on")), 202);
        user.await(
                "/api/v1/vps/" + id + "/actions/" + on.path("id").asLong(),
                a -> a.path("status").asText().equals("success"));
        user.await("/api/v1/vps/" + id + "/status", s -> s.path("reachable").asBoolean());

        // An app on this server, with its DNS record (ours) beside one someone else made for the same address.
        CloudflareClient cloudflare =
                HttpCloudflareClient.create(CloudflareSandbox.SIM.baseUri()).withToken(user.token());
        String zoneId = CloudflareSandbox.SIM.zoneId("example.com");
        cloudflare.createDnsRecord(zoneId, DnsRecordInput.managed("A", name + ".example.com", ip, true));
        cloudflare.createDnsRecord(
                zoneId, new DnsRecordInput("A", "manual-" + name + ".example.com", ip, false, 1, null));
        String appId = "app-" + id;
        CloudflareSandbox.SIM.putKvValues(
                ACCOUNT,
                user.namespaceId(),
                Map.of(
                        "app:" + appId,
                                JSON.writeValueAsString(Map.of(
                                        "id",
                                        appId,
                                        "name",
                                        name,
                                        "subdomain",
                                        name,
                                        "domain",
                                        "example.com",
                                        "vps_id",
                                        Long.toString(id),
                                        "status",
                                        "deployed")),
                        "app:" + appId + ":password", "{\"password\":\"x\"}",
                        "app:" + appId + ":port-forwards", "[]"));
        assertThat(data(user.get("/api/v1/vps/" + id + "/applications"), 200)).hasSize(1);
        assertThat(data(user.get("/api/v1/vps"), 200).findValues("app_count").stream()
                        .mapToInt(JsonNode::asInt)
                        .sum())
                .isPositive();

        JsonNode deleted = data(user.send("DELETE", "/api/v1/vps/" + id, null), 200);

        assertThat(deleted.path("server_deleted").asBoolean()).isTrue();
        assertThat(deleted.path("apps_deleted").get(0).asText()).isEqualTo(appId);
        assertThat(user.kv("vps:" + id + ":config")).isNull();
        assertThat(user.kv("app:" + appId)).isNull();
        assertThat(user.kv("app:" + appId + ":password")).isNull();
        assertThat(user.kv("app:" + appId + ":port-forwards")).isNull();
        ZoneSnapshot after = CloudflareSandbox.SIM.snapshot("example.com");
        assertThat(after.dnsRecords()).noneMatch(r -> r.name().equals(name + ".example.com"));
        assertThat(after.dnsRecords()).anyMatch(r -> r.name().equals("manual-" + name + ".example.com"));
        user.await("/api/v1/vps", list -> java.util.stream.StreamSupport.stream(list.spliterator(), false)
                .noneMatch(s -> s.path("id").asLong() == id));
        assertThat(user.get("/api/v1/vps/" + id).statusCode()).isEqualTo(404);
        assertThat(user.get("/api/v1/vps/" + id + "/applications").statusCode()).isEqualTo(404);
    }

    @Test
    void brokenUserData_shouldNeverReachReady_andTheServerStayListedWithItsStage() throws Exception {
        signInWithHetznerKey();
        String failing = unique("broken");
        String unparsable = unique("noyaml");
        // what the servers boot with: a setup command failing early (its ERR trap writes FAILED), and YAML cloud-init
        // cannot load (nothing runs, nothing is reported)
        HETZNER.sandboxServers()
                .alterNextUserData(u -> u.replace("      stage INSTALLING\n", "      stage INSTALLING\n      false\n"));
        long failingId = user.createServer(failing).path("server").path("id").asLong();
        HETZNER.sandboxServers().alterNextUserData(u -> u.replace("write_files:", "write_files: [oops"));
        long unparsableId =
                user.createServer(unparsable).path("server").path("id").asLong();
        try {
            SandboxServer failed = HETZNER.sandboxServer(failingId).orElseThrow();
            SandboxServer dropped = HETZNER.sandboxServer(unparsableId).orElseThrow();
            awaitTrue(() -> failed.cloudInitFinished() && dropped.cloudInitFinished(), WAIT);

            JsonNode status = user.await("/api/v1/vps/" + failingId + "/status", s -> s.path("reachable")
                    .asBoolean());
            assertThat(status.path("stage").asText()).isEqualTo("FAILED");
            assertThat(status.path("ready").asBoolean()).isFalse();
            assertThat(status.path("message").asText()).isEqualTo("Setup failed; see the logs");
            JsonNode silent = user.await("/api/v1/vps/" + unparsableId + "/status", s -> s.path("reachable")
                    .asBoolean());
            assertThat(silent.path("stage").asText()).isEqualTo("UNKNOWN");
            assertThat(silent.path("ready").asBoolean()).isFalse();
            assertThat(user.field("/api/v1/vps/" + unparsableId + "/logs?lines=20", "journal"))
                    .contains("Status: error");
            // known to Xanthus, not an orphan: listed, running at Hetzner, and deletable like any other
            JsonNode listed = data(user.get("/api/v1/vps"), 200);
            assertThat(listed.findValues("id").stream().map(JsonNode::asLong).toList())
                    .contains(failingId, unparsableId);
            assertThat(user.field("/api/v1/vps/" + failingId, "status")).isEqualTo("running");
        } finally {
            assertThat(user.send("DELETE", "/api/v1/vps/" + failingId, null).statusCode())
                    .isEqualTo(200);
            assertThat(user.send("DELETE", "/api/v1/vps/" + unparsableId, null).statusCode())
                    .isEqualTo(200);
        }
        assertThat(HETZNER.sandboxServer(failingId)).isEmpty();
    }

    @Test
    void deletingAServerGoneAtHetzner_shouldStillCleanItsKvConfig() throws Exception {
        signInWithHetznerKey();
        CloudflareSandbox.SIM.putKvValues(
                ACCOUNT,
                user.namespaceId(),
                Map.of(
                        "vps:987654:config",
                        "{\"server_id\":987654,\"name\":\"ghost\",\"public_ipv4\":\"192.0.2.250\",\"provider\":\"Hetzner\"}"));

        assertThat(data(user.get("/api/v1/vps"), 200).findValuesAsText("status"))
                .contains("missing");
        JsonNode deleted = data(user.send("DELETE", "/api/v1/vps/987654", null), 200);

        assertThat(deleted.path("server_deleted").asBoolean()).isFalse();
        assertThat(deleted.path("config_deleted").asBoolean()).isTrue();
        assertThat(user.kv("vps:987654:config")).isNull();
    }

    @Test
    void aCreateWhoseAnswerIsLost_shouldAdoptTheServer_neverLeaveAnOrphan() throws Exception {
        signInWithHetznerKey();
        String name = unique("lost");
        int creates = HETZNER.http().calls("POST /servers");
        HETZNER.http().faults().inject("POST /servers", Fault.lostResponse(), 1);

        JsonNode created = data(
                user.send("POST", "/api/v1/vps", Map.of("name", name, "location", "fsn1", "serverType", "cx23")), 201);

        long id = created.path("server").path("id").asLong();
        try {
            assertThat(HETZNER.http().calls("POST /servers")).isEqualTo(creates + 1);
            dev.xanthus.clients.hetzner.HttpHetznerClient hetzner = new dev.xanthus.clients.hetzner.HttpHetznerClient(
                    dev.xanthus.clients.http.JsonHttp.create(dev.xanthus.clients.http.RetryAdvice.rateLimitReset()),
                    HETZNER.baseUri(),
                    HetznerSimulator.DEFAULT_TOKEN);
            assertThat(hetzner.listServers(null))
                    .filteredOn(s -> s.name().equals(name))
                    .singleElement()
                    .satisfies(s -> assertThat(s.id()).isEqualTo(id));
            JsonNode config = JSON.readTree(user.kv("vps:" + id + ":config"));
            assertThat(config.path("name").asText()).isEqualTo(name);
            JsonNode listed = null;
            for (JsonNode server : data(user.get("/api/v1/vps"), 200)) {
                if (server.path("id").asLong() == id) {
                    listed = server;
                }
            }
            assertThat(listed).as("the adopted server is in the user's list").isNotNull();
            assertThat(listed.path("config_in_kv").asBoolean()).isTrue();
        } finally {
            user.send("DELETE", "/api/v1/vps/" + id, null);
        }
    }
}
