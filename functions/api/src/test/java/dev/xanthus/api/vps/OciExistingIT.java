package dev.xanthus.api.vps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xanthus.api.testing.ApiClient;
import dev.xanthus.api.testing.CloudflareSandbox;
import dev.xanthus.api.testing.OciSandbox;
import dev.xanthus.api.testing.OverHttp;
import dev.xanthus.api.testing.SignedIn;
import dev.xanthus.sandbox.cloudflare.CloudflareSimConfig;
import dev.xanthus.sandbox.oci.OciSimulator;
import dev.xanthus.sandbox.ssh.SandboxServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Adding an Oracle Cloud VM someone already runs, end to end over HTTP: the VM is a bare Ubuntu sandbox server
 * (login user ubuntu with passwordless sudo, nothing set up) made with the OCI simulator's {@code POST /__admin/vms};
 * the {@code oci-add-existing} job reaches it over real SSH, gives root the account key, runs the cloud-init setup
 * rendered from the same template, and waits for READY. No OCI API key is stored for these tests.
 */
@OverHttp(OciSandbox.class)
class OciExistingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OciSimulator OCI = OciSandbox.SIM;
    private static final String ACCOUNT = CloudflareSimConfig.SANDBOX_ACCOUNT_ID;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Predicate<JsonNode> FINISHED =
            j -> j.path("status").asText().matches("succeeded|failed");

    @LocalServerPort
    int port;

    private SignedIn user;

    private void signIn() throws Exception {
        user = SignedIn.as(port, WAIT, "oci", "hetzner");
    }

    private JsonNode config(long id) throws Exception {
        String value = CloudflareSandbox.SIM
                .kvValue(ACCOUNT, user.namespaceId(), "vps:" + id + ":config")
                .orElse(null);
        return value == null ? null : JSON.readTree(value);
    }

    private String accountKey() throws Exception {
        return user.field("/api/v1/vps/ssh-key", "public_key");
    }

    /** A bare VM through the simulator's admin route, as the local stack would make one. */
    private static SandboxServer existingVm(String key) throws Exception {
        HttpResponse<String> made = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(OCI.baseUri() + "/__admin/vms"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                                        Map.of("authorized_keys", List.of(key), "user", "ubuntu"))))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        JsonNode vm = JSON.readTree(made.body());
        assertThat(vm.path("user").asText()).isEqualTo("ubuntu");
        return OCI.sandboxServers().find(vm.path("ip").asText()).orElseThrow();
    }

    private static String strangerKey() throws Exception {
        return PublicKeyEntry.toString(
                KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256).getPublic());
    }

    private static String name() {
        return "vm-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static List<String> stepNames(JsonNode job) {
        return job.path("steps").findValuesAsText("name");
    }

    @Test
    void existingVm_shouldBeSetUpOverSshAsAJob_untilReady_withRootAndTheHostKeyPinned() throws Exception {
        signIn();
        String key = accountKey();
        SandboxServer vm = existingVm(key);
        assertThat(vm.stage()).isNull();
        String name = name();

        JsonNode added = ApiClient.data(
                user.send(
                        "POST",
                        "/api/v1/vps/oci/existing",
                        Map.of("name", name, "ip", vm.ip(), "user", "ubuntu", "timezone", "Europe/Berlin")),
                202);

        long id = added.path("server").path("id").asLong();
        assertThat(added.path("server").path("name").asText()).isEqualTo(name);
        assertThat(added.path("server").path("provider").asText()).isEqualTo("oci");
        assertThat(added.path("server").path("status").asText()).isEqualTo("external");
        assertThat(added.path("server").path("ipv4").asText()).isEqualTo(vm.ip());
        assertThat(added.path("job").path("kind").asText()).isEqualTo("oci-add-existing");
        assertThat(stepNames(added.path("job"))).containsExactly("connect", "root-access", "install", "wait-ready");
        JsonNode job = user.await("/api/v1/jobs/" + added.path("job").path("id").asText(), FINISHED);
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.path("steps").findValuesAsText("state")).containsOnly("DONE");

        JsonNode config = config(id);
        assertThat(config.path("provider").asText()).isEqualTo("OCI");
        assertThat(config.path("provider_instance_id").asText()).isEmpty();
        assertThat(config.path("ssh_user").asText()).isEqualTo("root");
        assertThat(config.path("public_ipv4").asText()).isEqualTo(vm.ip());
        assertThat(config.path("location").asText()).isEqualTo("existing");
        assertThat(config.path("region").asText()).isEqualTo("existing");
        assertThat(config.path("timezone").asText()).isEqualTo("Europe/Berlin");
        assertThat(config.path("host_key_fingerprint").asText()).isEqualTo(vm.hostKeyFingerprint());

        // The stages were walked by the setup script itself; status, time zone and kubectl now work as on any server.
        JsonNode status = ApiClient.data(user.send("GET", "/api/v1/vps/" + id + "/status", null), 200);
        assertThat(status.path("stage").asText()).isEqualTo("READY");
        assertThat(status.path("ready").asBoolean()).isTrue();
        assertThat(user.field("/api/v1/vps/" + id + "/timezone", "current")).isEqualTo("Europe/Berlin");
        assertThat(user.field("/api/v1/vps/" + id + "/info", "info"))
                .contains("Xanthus server: " + name, "K3s: k3s version", "Helm: v3");
        Path root = vm.root();
        assertThat(Files.readString(root.resolve("etc/ssh/sshd_config.d/10-xanthus.conf")))
                .contains("PermitRootLogin prohibit-password", "PasswordAuthentication no");
        assertThat(Files.readAllLines(root.resolve("root/.ssh/authorized_keys")))
                .singleElement()
                .asString()
                .startsWith(String.join(" ", List.of(key.split(" ")).subList(0, 2)));
        assertThat(Files.readString(root.resolve("opt/xanthus/setup.env"))).contains("XANTHUS_PROVIDER='oci'");
        assertThat(Files.readString(root.resolve("etc/ufw/xanthus-rules"))).contains("default deny incoming", "enable");
        assertThat(Files.readString(root.resolve("etc/iptables/xanthus-rules"))).contains("--dport 443");
        assertThat(Files.readString(root.resolve("opt/xanthus/setup.log"))).contains("INSTALLING_K3S", "READY");
        // and nothing of it landed on this machine
        assertThat(Path.of("/opt/xanthus/bootstrap.sh")).doesNotExist();

        // Without an OCI API key: listed and read as external, power refused, a second VM under the name refused.
        assertThat(user.field("/api/v1/vps/" + id, "status")).isEqualTo("external");
        assertThat(ApiClient.data(user.send("GET", "/api/v1/vps", null), 200).findValuesAsText("name"))
                .contains(name);
        HttpResponse<String> power = user.send("POST", "/api/v1/vps/" + id + "/power", Map.of("action", "reboot"));
        assertThat(power.statusCode()).isEqualTo(422);
        assertThat(ApiClient.code(power)).isEqualTo("POWER_NOT_AVAILABLE");
        HttpResponse<String> clash = user.send(
                "POST",
                "/api/v1/vps/oci/existing",
                Map.of("name", name, "ip", existingVm(key).ip(), "user", "ubuntu"));
        assertThat(clash.statusCode()).isEqualTo(409);
        assertThat(ApiClient.code(clash)).isEqualTo("NAME_TAKEN");
        assertThat(JSON.readTree(clash.body())
                        .path("error")
                        .path("details")
                        .path("field")
                        .asText())
                .isEqualTo("name");

        JsonNode deleted = ApiClient.data(user.send("DELETE", "/api/v1/vps/" + id, null), 200);
        assertThat(deleted.path("server_deleted").asBoolean()).isFalse();
        assertThat(config(id)).isNull();
        assertThat(vm.isPoweredOn()).isTrue();
    }

    @Test
    void existingVm_thatRefusesTheAccountKey_shouldFailTheConnectStepClearly() throws Exception {
        signIn();
        SandboxServer vm = existingVm(strangerKey());

        JsonNode added = addExisting(vm);
        JsonNode job = user.await("/api/v1/jobs/" + added.path("job").path("id").asText(), FINISHED);

        assertThat(job.path("status").asText()).isEqualTo("failed");
        JsonNode connect = job.path("steps").get(0);
        assertThat(connect.path("name").asText()).isEqualTo("connect");
        assertThat(connect.path("state").asText()).isEqualTo("FAILED");
        assertThat(connect.path("message").asText())
                .contains("ubuntu@" + vm.ip(), "refused the account's SSH key", "authorized_keys");
        assertThat(job.path("error").asText()).isEqualTo(connect.path("message").asText());
        assertThat(job.path("steps").get(1).path("state").asText()).isEqualTo("PENDING");
        assertThat(config(added.path("server").path("id").asLong())
                        .path("ssh_user")
                        .asText())
                .isEqualTo("ubuntu");
        assertThat(vm.root().resolve("opt/xanthus/status")).doesNotExist();
    }

    @Test
    void retry_afterTheUserAddsTheAccountKey_shouldResumeTheJobToReady() throws Exception {
        signIn();
        SandboxServer vm = existingVm(strangerKey());
        JsonNode added = addExisting(vm);
        String jobId = added.path("job").path("id").asText();
        assertThat(user.await("/api/v1/jobs/" + jobId, FINISHED).path("status").asText())
                .isEqualTo("failed");
        long id = added.path("server").path("id").asLong();

        // The user adds the key on the VM and retries: the job resumes and finishes.
        Files.writeString(vm.root().resolve("home/ubuntu/.ssh/authorized_keys"), accountKey() + "\n");
        assertThat(user.send("POST", "/api/v1/jobs/" + jobId + "/retry", null).statusCode())
                .isEqualTo(202);

        JsonNode retried = user.await(
                "/api/v1/jobs/" + jobId,
                j -> FINISHED.test(j) && j.path("attempt").asInt() > 0
                        || j.path("status").asText().equals("succeeded"));
        assertThat(retried.path("status").asText()).as(retried.toString()).isEqualTo("succeeded");
        assertThat(config(id).path("ssh_user").asText()).isEqualTo("root");
        assertThat(ApiClient.data(user.send("GET", "/api/v1/vps/" + id + "/status", null), 200)
                        .path("ready")
                        .asBoolean())
                .isTrue();
        ApiClient.data(user.send("DELETE", "/api/v1/vps/" + id, null), 200);
    }

    /** Adds {@code vm} as an existing server (login user ubuntu), expecting 202; returns the server and its job. */
    private JsonNode addExisting(SandboxServer vm) throws Exception {
        return ApiClient.data(
                user.send("POST", "/api/v1/vps/oci/existing", Map.of("name", name(), "ip", vm.ip(), "user", "ubuntu")),
                202);
    }

    @Test
    void hostileInput_shouldBeRefusedWith400_storingNothing_andRunningNothing() throws Exception {
        signIn();
        SandboxServer vm = existingVm(accountKey());
        HttpResponse<String> before = user.send("GET", "/api/v1/vps", null);
        Map<String, String> ok = Map.of("name", name(), "ip", vm.ip(), "user", "ubuntu", "timezone", "UTC");
        Map<String, List<String>> hostile = new LinkedHashMap<>();
        hostile.put("name", List.of("a;reboot", "$(id)", "Web", "", "x".repeat(64), "web\n1"));
        hostile.put(
                "ip",
                List.of(
                        "1.2.3.4;reboot",
                        "$(id)",
                        "vm.example.com",
                        "127.0.0.1",
                        "0.0.0.0",
                        "224.0.0.1",
                        "169.254.169.254",
                        "255.255.255.255",
                        "01.2.3.4",
                        " 1.2.3.4",
                        "1.2.3.4\nid",
                        "1.2.3",
                        "::1",
                        ""));
        hostile.put(
                "user",
                List.of(
                        "root;id",
                        "$(id)",
                        "Ubuntu",
                        "-oProxyCommand=touch /tmp/x",
                        "a b",
                        "",
                        "u".repeat(33),
                        "`id`"));
        hostile.put("timezone", List.of("UTC; touch /x", "../../etc/passwd", "$(id)", "Europe/Berlin\nid"));
        for (Map.Entry<String, List<String>> field : hostile.entrySet()) {
            for (String value : field.getValue()) {
                Map<String, Object> body = new HashMap<>(ok);
                body.put(field.getKey(), value);
                HttpResponse<String> response = user.send("POST", "/api/v1/vps/oci/existing", body);
                assertThat(response.statusCode())
                        .as(field.getKey() + "=" + value + " → " + response.body())
                        .isEqualTo(400);
                JsonNode error = JSON.readTree(response.body()).path("error");
                assertThat(error.path("details").path("field").asText())
                        .as(response.body())
                        .isEqualTo(field.getKey());
                assertThat(error.path("code").asText()).startsWith("INVALID_");
            }
        }
        HttpResponse<String> missing = user.send("POST", "/api/v1/vps/oci/existing", Map.of("name", name()));
        assertThat(missing.statusCode()).isEqualTo(400);

        HttpResponse<String> after = user.send("GET", "/api/v1/vps", null);
        assertThat(after.statusCode()).isEqualTo(before.statusCode());
        assertThat(JSON.readTree(after.body()).path("data").findValuesAsText("id"))
                .isEqualTo(JSON.readTree(before.body()).path("data").findValuesAsText("id"));
        assertThat(vm.root().resolve("opt/xanthus/setup.env")).doesNotExist();
        assertThat(Files.readString(vm.root().resolve("root/.ssh/authorized_keys")))
                .isEmpty();
    }
}
