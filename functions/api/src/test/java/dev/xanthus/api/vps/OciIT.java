package dev.xanthus.api.vps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xanthus.api.testing.ApiClient;
import dev.xanthus.api.testing.CloudflareSandbox;
import dev.xanthus.api.testing.OciSandbox;
import dev.xanthus.api.testing.SignedIn;
import dev.xanthus.api.testing.WebTestApp;
import dev.xanthus.clients.oci.OciKeys;
import dev.xanthus.core.server.OciSettings;
import dev.xanthus.sandbox.cloudflare.CloudflareSimConfig;
import dev.xanthus.sandbox.http.Fault;
import dev.xanthus.sandbox.oci.OciSimulator;
import dev.xanthus.sandbox.ssh.SandboxServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/**
 * Oracle Cloud servers end to end over HTTP: real Tomcat, dynalite, the Cloudflare simulator and the OCI simulator,
 * which checks every request's signature; instances are sandbox servers reached over real SSH.
 */
@SpringBootTest(classes = WebTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = OciSandbox.class)
class OciIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OciSimulator OCI = OciSandbox.SIM;
    private static final String ACCOUNT = CloudflareSimConfig.SANDBOX_ACCOUNT_ID;
    private static final Duration WAIT = Duration.ofSeconds(40);

    @LocalServerPort
    int port;

    private SignedIn user;

    /** Leaves the shared sandbox namespace without OCI credentials, as other test classes expect. */
    @AfterEach
    void clearFaultsAndCredentials() throws Exception {
        OCI.http().faults().clear();
        if (user != null) {
            user.send("DELETE", "/api/v1/settings/oci", null);
        }
    }

    private Map<String, Object> sandboxCredentials() {
        Map<String, Object> body = new HashMap<>();
        body.put("tenancy", OciSimulator.SANDBOX_TENANCY);
        body.put("user", OciSimulator.SANDBOX_USER);
        body.put("fingerprint", OCI.sandboxKey().fingerprint());
        body.put("region", OCI.region());
        body.put("private_key", OCI.sandboxKey().privateKeyPem());
        return body;
    }

    private void signIn() throws Exception {
        user = SignedIn.as(port, WAIT, "oci", "hetzner");
    }

    private void signInWithOciKey() throws Exception {
        signIn();
        HttpResponse<String> put = user.send("PUT", "/api/v1/settings/oci", sandboxCredentials());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    }

    private String kv(String key) {
        return CloudflareSandbox.SIM.kvValue(ACCOUNT, user.namespaceId(), key).orElse(null);
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

    private static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void credentials_shouldBeCheckedWithASignedCall_storedSealed_andNeverShown() throws Exception {
        signIn();
        assertThat(ApiClient.data(user.send("GET", "/api/v1/settings/oci", null), 200)
                        .path("configured")
                        .asBoolean())
                .isFalse();

        Map<String, Object> badTenancy = sandboxCredentials();
        badTenancy.put("tenancy", "ocid1.tenancy.oc1..x; rm -rf /");
        HttpResponse<String> bad = user.send("PUT", "/api/v1/settings/oci", badTenancy);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(ApiClient.code(bad)).isEqualTo("INVALID_OCI_CREDENTIALS");
        assertThat(JSON.readTree(bad.body())
                        .path("error")
                        .path("details")
                        .path("field")
                        .asText())
                .isEqualTo("tenancy");

        Map<String, Object> wrongFingerprint = sandboxCredentials();
        wrongFingerprint.put("fingerprint", "00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff");
        HttpResponse<String> mismatch = user.send("PUT", "/api/v1/settings/oci", wrongFingerprint);
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(mismatch.body())
                        .path("error")
                        .path("details")
                        .path("field")
                        .asText())
                .isEqualTo("fingerprint");

        // A well-formed key Oracle never saw: the simulator refuses the signature (401) and we answer 400.
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var stranger = generator.generateKeyPair();
        Map<String, Object> unknown = sandboxCredentials();
        unknown.put("private_key", OciKeys.privateKeyPem(stranger.getPrivate()));
        unknown.put("fingerprint", OciKeys.publicKeyFingerprint(stranger.getPublic()));
        int refusedBefore = OCI.http().calls("GET /users/{userId}");
        HttpResponse<String> refused = user.send("PUT", "/api/v1/settings/oci", unknown);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(ApiClient.code(refused)).isEqualTo("OCI_CREDENTIALS_REJECTED");
        assertThat(OCI.http().calls("GET /users/{userId}")).isEqualTo(refusedBefore + 1);
        assertThat(kv(OciSettings.KV_KEY)).isNull();

        JsonNode stored = ApiClient.data(user.send("PUT", "/api/v1/settings/oci", sandboxCredentials()), 200);
        assertThat(stored.path("configured").asBoolean()).isTrue();
        assertThat(stored.path("home_region").asText()).isEqualTo(OCI.region());
        assertThat(stored.has("private_key")).isFalse();
        String sealed = kv(OciSettings.KV_KEY);
        assertThat(sealed).doesNotContain("PRIVATE KEY", OciSimulator.SANDBOX_TENANCY, "MII");

        JsonNode read = ApiClient.data(user.send("GET", "/api/v1/settings/oci", null), 200);
        assertThat(read.path("fingerprint").asText()).isEqualTo(OCI.sandboxKey().fingerprint());
        assertThat(read.toString()).doesNotContain("PRIVATE");

        assertThat(ApiClient.data(user.send("DELETE", "/api/v1/settings/oci", null), 200)
                        .path("configured")
                        .asBoolean())
                .isFalse();
        assertThat(kv(OciSettings.KV_KEY)).isNull();
        assertThat(ApiClient.code(user.send("GET", "/api/v1/vps/oci/options", null)))
                .isEqualTo("OCI_CREDENTIALS_REQUIRED");
    }

    @Test
    void goPlaintextToken_shouldBeSealedOnFirstRead_andThePlaintextRemoved() throws Exception {
        signIn();
        Map<String, Object> go = sandboxCredentials();
        String token = Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(go));
        CloudflareSandbox.SIM.putKvValues(ACCOUNT, user.namespaceId(), Map.of(OciSettings.GO_KV_KEY, token));

        JsonNode read = ApiClient.data(user.send("GET", "/api/v1/settings/oci", null), 200);

        assertThat(read.path("configured").asBoolean()).isTrue();
        assertThat(read.path("tenancy").asText()).isEqualTo(OciSimulator.SANDBOX_TENANCY);
        assertThat(kv(OciSettings.GO_KV_KEY)).isNull();
        assertThat(kv(OciSettings.KV_KEY)).isNotNull().doesNotContain("PRIVATE KEY");
        assertThat(ApiClient.data(user.send("GET", "/api/v1/vps/oci/options", null), 200)
                        .path("shapes")
                        .size())
                .isPositive();
    }

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

        String first = name("oci");
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
        JsonNode config = JSON.readTree(kv("vps:" + id + ":config"));
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
        assertThat(ApiClient.data(user.send("GET", "/api/v1/vps/" + id, null), 200)
                        .path("status")
                        .asText())
                .isEqualTo("off");
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
                        Map.of("provider", "oci", "name", name("oci"), "shape", "VM.Standard.E2.1.Micro")),
                201);
        long secondId = second.path("server").path("id").asLong();
        assertThat(live("vcns")).hasSize(1);

        JsonNode deleted = ApiClient.data(user.send("DELETE", "/api/v1/vps/" + id, null), 200);
        assertThat(deleted.path("server_deleted").asBoolean()).isTrue();
        assertThat(kv("vps:" + id + ":config")).isNull();
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
                                Map.of("provider", "oci", "name", name("oci"), "shape", "VM.Standard.E2.1.Micro")),
                        201)
                .path("server")
                .path("id")
                .asLong();
        String instanceId = JSON.readTree(kv("vps:" + id + ":config"))
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
        assertThat(ApiClient.data(user.send("GET", "/api/v1/vps/" + id, null), 200)
                        .path("status")
                        .asText())
                .isEqualTo("running");
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

    @Test
    void oracleOutage_shouldBeA502_andARevokedKeyA409_neverA500() throws Exception {
        signInWithOciKey();
        OCI.http()
                .faults()
                .inject(
                        "GET /shapes",
                        Fault.status(503, "{\"code\":\"ServiceUnavailable\",\"message\":\"Service Unavailable\"}"),
                        10);
        HttpResponse<String> outage = user.send("GET", "/api/v1/vps/oci/options", null);
        assertThat(outage.statusCode()).isEqualTo(502);
        assertThat(ApiClient.code(outage)).isEqualTo("OCI_UNAVAILABLE");
        OCI.http().faults().clear();

        // The user removed the API key in the OCI console: every signed call is now refused.
        String keyId = OciSimulator.SANDBOX_TENANCY + "/" + OciSimulator.SANDBOX_USER + "/"
                + OCI.sandboxKey().fingerprint();
        HttpResponse<String> removed = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(OCI.baseUri() + "/__admin/keys?keyId="
                                        + java.net.URLEncoder.encode(keyId, StandardCharsets.UTF_8)))
                                .DELETE()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(removed.body()).contains("true");
        try {
            HttpResponse<String> revoked = user.send("GET", "/api/v1/vps/oci/options", null);
            assertThat(revoked.statusCode()).isEqualTo(409);
            assertThat(ApiClient.code(revoked)).isEqualTo("OCI_CREDENTIALS_REJECTED");
        } finally {
            OCI.registerKey(
                    OciSimulator.SANDBOX_TENANCY,
                    OciSimulator.SANDBOX_USER,
                    OCI.sandboxKey().publicKey());
        }
        assertThat(outage.body()).doesNotContain("Exception");
    }
}
