package dev.xanthus.api.vps;

import static dev.xanthus.api.testing.ApiClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xanthus.api.testing.ApiClient;
import dev.xanthus.sandbox.ssh.SandboxServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Oracle Cloud servers end to end over HTTP (real Tomcat, dynalite, the Cloudflare simulator and the OCI simulator,
 * which checks every request's signature; instances are sandbox servers reached over real SSH): created on a tagged
 * network, READY, powered off and on and deleted with the network; a broken setup; hostile input.
 */
class OciServerIT extends OciOverHttp {

    @Test
    void server_shouldBeCreatedOnATaggedNetwork_reachReady_powerOffAndOn_andBeDeletedWithItsNetwork() throws Exception {
        signInWithOciKey();
        JsonNode options = ApiClient.data(user.send("GET", "/api/v1/vps/oci/options", null), 200);
        JsonNode a1 = StreamSupport.stream(options.path("shapes").spliterator(), false)
                .filter(s -> s.path("name").asText().equals("VM.Standard.A1.Flex"))
                .findFirst()
                .orElseThrow();
        assertThat(a1.path("always_free").asBoolean()).isTrue();
        assertThat(a1.path("architecture").asText()).isEqualTo("arm64");
        assertThat(a1.path("ocpus").path("default").asDouble()).isEqualTo(4);
        assertThat(a1.path("memory_gb").path("default").asDouble()).isEqualTo(24);

        String first = unique("oci");
        JsonNode created = ApiClient.data(
                user.send(
                        "POST",
                        "/api/v1/vps",
                        Map.of(
                                "provider",
                                "oci",
                                "name",
                                first,
                                "shape",
                                "VM.Standard.A1.Flex",
                                "ocpus",
                                2,
                                "memoryGb",
                                12,
                                "timezone",
                                "Europe/Berlin")),
                201);
        long id = created.path("server").path("id").asLong();
        assertThat(created.path("server").path("provider").asText()).isEqualTo("oci");
        JsonNode config = JSON.readTree(user.kv("vps:" + id + ":config"));
        assertThat(config.path("provider").asText()).isEqualTo("OCI");
        assertThat(config.path("provider_instance_id").asText()).startsWith("ocid1.instance.");
        assertThat(config.path("ssh_user").asText()).isEqualTo("root");
        assertThat(config.path("ocpu").asDouble()).isEqualTo(2);

        // One tagged network: VCN, gateway, default route to it, a security list with 22/80/443 only, a subnet.
        assertThat(live("vcns")).hasSize(1);
        JsonNode vcn = live("vcns").get(0);
        assertThat(vcn.path("freeformTags").path("managed_by").asText()).isEqualTo("xanthus");
        assertThat(live("internetGateways")).hasSize(1);
        assertThat(live("subnets")).hasSize(1);
        List<Integer> ports = new ArrayList<>();
        live("securityLists").stream()
                .filter(l -> "xanthus"
                        .equals(l.path("freeformTags").path("managed_by").asText()))
                .forEach(l -> l.path("ingressSecurityRules")
                        .forEach(r -> ports.add(r.path("tcpOptions")
                                .path("destinationPortRange")
                                .path("min")
                                .asInt())));
        assertThat(ports).containsExactlyInAnyOrder(22, 80, 443);
        JsonNode instance = live("instances").stream()
                .filter(i -> i.path("id")
                        .asText()
                        .equals(config.path("provider_instance_id").asText()))
                .findFirst()
                .orElseThrow();
        assertThat(instance.path("shapeConfig").path("ocpus").asDouble()).isEqualTo(2);
        assertThat(instance.path("shape").asText()).isEqualTo("VM.Standard.A1.Flex");

        JsonNode ready =
                user.await("/api/v1/vps/" + id + "/status", s -> s.path("ready").asBoolean());
        assertThat(ready.path("stage").asText()).isEqualTo("READY");
        // READY came from the user data Xanthus sent in the launch, run by the instance's cloud-init
        SandboxServer box =
                OCI.sandboxServer(config.path("provider_instance_id").asText()).orElseThrow();
        assertThat(box.userData()).startsWith("#cloud-config").contains("XANTHUS_PROVIDER='oci'");
        assertThat(box.owner("/opt/xanthus/setup.sh")).isEqualTo("root:root");
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(box.root().resolve("opt/xanthus/setup.sh"))))
                .isEqualTo("rwx------");
        assertThat(Files.readAllLines(box.root().resolve("var/lib/xanthus/apt-installed")))
                .contains("jq");
        assertThat(Files.readString(box.root().resolve("etc/iptables/xanthus-rules")))
                .contains("--dport 443 -j ACCEPT");
        JsonNode zone = ApiClient.data(user.send("GET", "/api/v1/vps/" + id + "/timezone", null), 200);
        assertThat(zone.path("current").asText()).isEqualTo("Europe/Berlin");
        JsonNode running = ApiClient.data(user.send("GET", "/api/v1/vps/" + id, null), 200);
        assertThat(running.path("status").asText()).isEqualTo("running");
        assertThat(running.path("ipv4").asText()).isNotBlank();
        assertThat(running.path("location").asText()).isEqualTo(OCI.region());
        JsonNode listed = ApiClient.data(user.send("GET", "/api/v1/vps", null), 200);
        assertThat(listed.findValuesAsText("provider")).contains("oci");

        JsonNode off = ApiClient.data(user.send("POST", "/api/v1/vps/" + id + "/power", Map.of("action", "off")), 202);
        assertThat(off.path("status").asText()).isEqualTo("running");
        user.await(
                "/api/v1/vps/" + id + "/actions/" + off.path("id").asLong(),
                a -> a.path("status").asText().equals("success"));
        assertThat(user.field("/api/v1/vps/" + id, "status")).isEqualTo("off");
        JsonNode on = ApiClient.data(user.send("POST", "/api/v1/vps/" + id + "/power", Map.of("action", "on")), 202);
        user.await(
                "/api/v1/vps/" + id + "/actions/" + on.path("id").asLong(),
                a -> a.path("status").asText().equals("success"));
        user.await("/api/v1/vps/" + id, s -> s.path("status").asText().equals("running"));

        // A second server reuses the network; deleting the first keeps it, deleting the last removes it.
        JsonNode second = ApiClient.data(
                user.send(
                        "POST",
                        "/api/v1/vps",
                        Map.of("provider", "oci", "name", unique("oci"), "shape", "VM.Standard.E2.1.Micro")),
                201);
        long secondId = second.path("server").path("id").asLong();
        assertThat(live("vcns")).hasSize(1);

        JsonNode deleted = ApiClient.data(user.send("DELETE", "/api/v1/vps/" + id, null), 200);
        assertThat(deleted.path("server_deleted").asBoolean()).isTrue();
        assertThat(user.kv("vps:" + id + ":config")).isNull();
        JsonNode job = user.await(
                "/api/v1/jobs/" + deleted.path("cleanup_job_id").asText(),
                j -> j.path("status").asText().matches("(?i)succeeded|failed"));
        assertThat(job.path("status").asText()).as(job.toString()).isEqualToIgnoringCase("succeeded");
        assertThat(live("vcns")).hasSize(1);

        JsonNode last = ApiClient.data(user.send("DELETE", "/api/v1/vps/" + secondId, null), 200);
        JsonNode lastJob = user.await(
                "/api/v1/jobs/" + last.path("cleanup_job_id").asText(),
                j -> j.path("status").asText().matches("(?i)succeeded|failed"));
        assertThat(lastJob.path("status").asText()).as(lastJob.toString()).isEqualToIgnoringCase("succeeded");
        assertThat(live("vcns")).isEmpty();
        assertThat(live("subnets")).isEmpty();
        assertThat(live("internetGateways")).isEmpty();
        assertThat(live("instances")).isEmpty();
    }

    @Test
    void brokenUserData_shouldNeverReachReady_andTheServerStayKnownWithItsStage() throws Exception {
        signInWithOciKey();
        // what the instance boots with: the K3s step of the setup fails (its ERR trap writes FAILED)
        OCI.sandboxServers()
                .alterNextUserData(
                        u -> u.replace("      stage INSTALLING_K3S\n", "      stage INSTALLING_K3S\n      false\n"));
        long id = ApiClient.data(
                        user.send(
                                "POST",
                                "/api/v1/vps",
                                Map.of("provider", "oci", "name", unique("oci"), "shape", "VM.Standard.E2.1.Micro")),
                        201)
                .path("server")
                .path("id")
                .asLong();
        String instanceId = JSON.readTree(user.kv("vps:" + id + ":config"))
                .path("provider_instance_id")
                .asText();

        JsonNode failed = user.await(
                "/api/v1/vps/" + id + "/status",
                s -> s.path("stage").asText().equals("FAILED")
                        || s.path("ready").asBoolean());
        assertThat(failed.path("stage").asText()).isEqualTo("FAILED");
        assertThat(failed.path("ready").asBoolean()).isFalse();
        SandboxServer box = OCI.sandboxServer(instanceId).orElseThrow();
        assertThat(user.await("/api/v1/vps/" + id + "/status", s -> box.cloudInitFinished())
                        .path("stage")
                        .asText())
                .isEqualTo("FAILED");
        assertThat(Files.readString(box.root().resolve("opt/xanthus/setup.log")))
                .contains("INSTALLING_K3S")
                .doesNotContain("READY");
        // known to Xanthus, not an orphan: listed with its instance, and deleted with its network like any other
        assertThat(ApiClient.data(user.send("GET", "/api/v1/vps", null), 200).findValues("id").stream()
                        .map(JsonNode::asLong)
                        .toList())
                .contains(id);
        assertThat(user.field("/api/v1/vps/" + id, "status")).isEqualTo("running");
        JsonNode deleted = ApiClient.data(user.send("DELETE", "/api/v1/vps/" + id, null), 200);
        assertThat(deleted.path("server_deleted").asBoolean()).isTrue();
        JsonNode job = user.await(
                "/api/v1/jobs/" + deleted.path("cleanup_job_id").asText(),
                j -> j.path("status").asText().matches("(?i)succeeded|failed"));
        assertThat(job.path("status").asText()).as(job.toString()).isEqualToIgnoringCase("succeeded");
        assertThat(live("instances")).isEmpty();
    }

    @Test
    void hostileInput_shouldBeRefusedWith400_andLaunchNothing() throws Exception {
        signInWithOciKey();
        int launches = OCI.http().calls("POST /instances/");
        List<Map<String, Object>> bodies = List.of(
                Map.of("provider", "oci", "name", "a;reboot"),
                Map.of("provider", "oci", "name", "$(id)"),
                Map.of("provider", "oci", "name", "ok-name", "timezone", "Europe/Berlin; touch /tmp/pwned"),
                Map.of("provider", "oci", "name", "ok-name", "timezone", "../../etc/passwd"),
                Map.of("provider", "oci", "name", "ok-name", "shape", "VM.Standard.A1.Flex; id"),
                Map.of("provider", "oci", "name", "ok-name", "ocpus", 500),
                Map.of("provider", "oci", "name", "ok-name", "memoryGb", -1),
                Map.of("provider", "gcp", "name", "ok-name"));
        for (Map<String, Object> body : bodies) {
            HttpResponse<String> response = user.send("POST", "/api/v1/vps", body);
            assertThat(response.statusCode()).as(body + " → " + response.body()).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).path("status").asText()).isEqualTo("error");
        }
        assertThat(OCI.http().calls("POST /instances/")).isEqualTo(launches);
    }

    private static List<JsonNode> live(String kind) {
        List<JsonNode> out = new ArrayList<>();
        OCI.resources().path(kind).forEach(r -> {
            if (!r.path("lifecycleState").asText().startsWith("TERMINAT")) {
                out.add(r);
            }
        });
        return out;
    }
}
