package dev.xanthus.sandbox.hetzner;

import static dev.xanthus.sandbox.ssh.SshTestClient.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xanthus.sandbox.http.SimJson;
import dev.xanthus.sandbox.ssh.SandboxServer;
import dev.xanthus.sandbox.ssh.SandboxServers;
import dev.xanthus.sandbox.ssh.SshTestClient;
import dev.xanthus.sandbox.ssh.Stage;
import dev.xanthus.sandbox.testing.XanthusUserData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A server created over HTTP runs the user data it was created with, at its first boot, and its setup stages are only
 * what that user data writes; the 32 KiB limit of {@code user_data} (contracts/hetzner fact 19).
 */
@Timeout(60)
class HetznerUserDataTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final KeyPair KEY = SshTestClient.newRsaKey();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static HetznerSimulator sim;

    @BeforeAll
    static void start() throws Exception {
        sim = HetznerSimulator.start(HetznerSimulator.Config.defaults()
                .withPort(0)
                .withTimings(HetznerSimulator.Timings.uniform(Duration.ofMillis(20)))
                .withSandbox(SandboxServers.Config.instant()));
        ObjectNode key = SimJson.MAPPER
                .createObjectNode()
                .put("name", "ci")
                .put("public_key", SshTestClient.authorizedKeyLine(KEY));
        assertThat(send("/ssh_keys", key).statusCode()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static HttpResponse<String> send(String path, JsonNode body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(sim.baseUri() + path))
                        .header("Authorization", "Bearer " + HetznerSimulator.DEFAULT_TOKEN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static ObjectNode server(String name, String userData) {
        ObjectNode body = SimJson.MAPPER
                .createObjectNode()
                .put("name", name)
                .put("server_type", "cx23")
                .put("image", "ubuntu-24.04")
                .put("location", "fsn1");
        body.putArray("ssh_keys").add("ci");
        if (userData != null) {
            body.put("user_data", userData);
        }
        return body;
    }

    private static SandboxServer create(String name, String userData) throws Exception {
        HttpResponse<String> made = send("/servers", server(name, userData));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        return sim.sandboxServer(SimJson.MAPPER
                        .readTree(made.body())
                        .path("server")
                        .path("id")
                        .asLong())
                .orElseThrow();
    }

    private static String read(SandboxServer server, String path) {
        try {
            return Files.readString(server.root().resolve(path));
        } catch (Exception missing) {
            return "";
        }
    }

    @Test
    void userData_shouldRunAtFirstBoot_writeFilesPackagesRuncmd_asCloudInitWould() throws Exception {
        String userData =
                """
        #cloud-config
        packages: [jq, htop]
        write_files:
          - path: /etc/demo/app.conf
            owner: www-data:www-data
            permissions: '0640'
            content: |
              greeting=hello
        runcmd:
          - [timedatectl, set-timezone, America/Chicago]
          - cp /etc/demo/app.conf /root/copied.conf
        """;
        SandboxServer server = create("ud-forms", userData);

        assertThat(eventually(WAIT, server::cloudInitFinished))
                .as(read(server, "var/log/cloud-init-output.log"))
                .isTrue();
        assertThat(read(server, "run/cloud-init/status")).isEqualTo("done\n");
        assertThat(read(server, "etc/demo/app.conf")).isEqualTo("greeting=hello\n");
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(server.root().resolve("etc/demo/app.conf"))))
                .isEqualTo("rw-r-----");
        assertThat(server.owner("/etc/demo/app.conf")).isEqualTo("www-data:www-data");
        assertThat(read(server, "var/lib/xanthus/apt-installed")).isEqualTo("jq\nhtop\n");
        assertThat(read(server, "root/copied.conf")).isEqualTo("greeting=hello\n");
        assertThat(server.stage()).isNull(); // this user data reports no stage, so there is none
        try (SshTestClient ssh = SshTestClient.connect(server.sshAddress(), server.hostKeyFingerprint(), KEY)) {
            assertThat(ssh.exec("timedatectl show -p Timezone --value").out()).isEqualTo("America/Chicago\n");
            assertThat(ssh.exec("cat /etc/demo/app.conf").out()).isEqualTo("greeting=hello\n");
        }
    }

    @Test
    void xanthusUserData_shouldReachReady_withTheTimeZoneItWasGiven() throws Exception {
        SandboxServer server = create("ud-ready", XanthusUserData.hetzner("ud-ready", "Pacific/Auckland"));

        assertThat(eventually(WAIT, () -> server.stage() == Stage.READY))
                .as(read(server, "var/log/cloud-init-output.log") + read(server, "opt/xanthus/setup.log"))
                .isTrue();
        assertThat(read(server, "opt/xanthus/info.txt")).contains("Time zone: Pacific/Auckland");
        assertThat(read(server, "etc/timezone")).isEqualTo("Pacific/Auckland\n");
    }

    @Test
    void rebootAfterSetup_shouldNotRunTheUserDataAgain() throws Exception {
        SandboxServer server = create("ud-once", "#cloud-config\nruncmd:\n  - echo ran >>/root/runs\n");
        assertThat(eventually(WAIT, server::cloudInitFinished)).isTrue();

        server.reboot();

        assertThat(read(server, "root/runs")).isEqualTo("ran\n");
        assertThat(server.cloudInitFinished()).isTrue();
    }

    @Test
    void brokenUserData_shouldNeverReachReady() throws Exception {
        // invalid YAML: cloud-init drops the whole config
        SandboxServer yaml = create(
                "ud-yaml", XanthusUserData.hetzner("ud-yaml", "UTC").replace("write_files:", "write_files: [oops"));
        // a command of the setup fails early: its ERR trap writes FAILED
        SandboxServer failing = create(
                "ud-fail",
                XanthusUserData.hetzner("ud-fail", "UTC")
                        .replace("      stage INSTALLING\n", "      stage INSTALLING\n      false\n"));

        assertThat(eventually(WAIT, () -> yaml.cloudInitFinished() && failing.cloudInitFinished()))
                .isTrue();
        assertThat(read(yaml, "run/cloud-init/status")).startsWith("error\n");
        assertThat(read(yaml, "var/log/cloud-init-output.log")).contains("Failed loading yaml blob");
        assertThat(yaml.stage()).isNull();
        assertThat(read(failing, "opt/xanthus/status")).isEqualTo("FAILED\n");
        assertThat(failing.stage()).isNull();
        assertThat(read(failing, "opt/xanthus/setup.log"))
                .contains("INSTALLING")
                .doesNotContain("READY");
    }

    @Test
    void withoutUserData_nothingShouldRun() throws Exception {
        SandboxServer server = create("ud-none", null);
        assertThat(eventually(WAIT, server::isPoweredOn)).isTrue();

        assertThat(server.userData()).isNull();
        assertThat(server.stage()).isNull();
        assertThat(server.root().resolve("var/log/cloud-init-output.log")).doesNotExist();
    }

    @Test
    void userData_shouldBeLimitedTo32KiB() throws Exception {
        String header = "#cloud-config\n#";
        String exactly = header + "x".repeat(32 * 1024 - header.length());
        String multiByte = header + "é".repeat((32 * 1024 - header.length()) / 2 + 1);

        HttpResponse<String> fits = send("/servers", server("ud-fits", exactly));
        HttpResponse<String> over = send("/servers", server("ud-over", exactly + "x"));
        HttpResponse<String> overInBytes = send("/servers", server("ud-bytes", multiByte));
        HttpResponse<String> notText = send("/servers", server("ud-num", null).put("user_data", 42));

        assertThat(fits.statusCode()).isEqualTo(201);
        for (HttpResponse<String> refused : java.util.List.of(over, overInBytes, notText)) {
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
            JsonNode error = SimJson.MAPPER.readTree(refused.body()).path("error");
            assertThat(error.path("code").asText()).isEqualTo("invalid_input");
            assertThat(error.path("details").path("fields").path(0).path("name").asText())
                    .isEqualTo("user_data");
        }
        assertThat(SimJson.MAPPER
                        .readTree(over.body())
                        .path("error")
                        .path("message")
                        .asText())
                .contains("Longer than maximum length 32768");
        JsonNode names = SimJson.MAPPER
                .readTree(HTTP.send(
                                HttpRequest.newBuilder(URI.create(sim.baseUri() + "/servers"))
                                        .header("Authorization", "Bearer " + HetznerSimulator.DEFAULT_TOKEN)
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body())
                .path("servers");
        assertThat(names.findValuesAsText("name")).contains("ud-fits").doesNotContain("ud-over", "ud-bytes", "ud-num");
    }
}
