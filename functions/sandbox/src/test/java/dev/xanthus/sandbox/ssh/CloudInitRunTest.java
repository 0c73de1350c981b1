package dev.xanthus.sandbox.ssh;

import static dev.xanthus.sandbox.ssh.SshTestClient.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.xanthus.sandbox.testing.XanthusUserData;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A sandbox server booted with user data runs it as cloud-init would, and reports only what the setup writes. */
@Timeout(60)
class CloudInitRunTest {

    private static final KeyPair KEY = SshTestClient.newRsaKey();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static SandboxServers servers;

    @BeforeAll
    static void start() {
        servers = new SandboxServers(SandboxServers.Config.instant());
    }

    @AfterAll
    static void stop() {
        servers.close();
    }

    private static String xanthus(String hostname, String zone) {
        return XanthusUserData.hetzner(hostname, zone);
    }

    private static SandboxServer boot(String name, String userData) {
        return servers.createBare(name, List.of(SshTestClient.authorizedKeyLine(KEY)), "ubuntu", userData);
    }

    private static String read(SandboxServer server, String path) {
        try {
            return Files.readString(server.root().resolve(path));
        } catch (Exception missing) {
            return "";
        }
    }

    private static boolean cloudInitDone(SandboxServer server) {
        return !read(server, "run/cloud-init/status").isEmpty();
    }

    @Test
    void realTemplate_shouldReachReady_onlyThroughItsScript() throws Exception {
        SandboxServer server = boot("ci-ready", xanthus("ci-ready", "Europe/Berlin"));

        assertThat(eventually(WAIT, () -> read(server, "opt/xanthus/status").equals("READY\n")))
                .as(read(server, CloudInitRun.OUTPUT_LOG) + read(server, "opt/xanthus/setup.log"))
                .isTrue();
        assertThat(eventually(WAIT, () -> cloudInitDone(server))).isTrue();

        assertThat(read(server, "opt/xanthus/setup.log"))
                .contains(
                        "INSTALLING\n",
                        "INSTALLING_K3S\n",
                        "WAITING_K3S\n",
                        "INSTALLING_HELM\n",
                        "VERIFYING\n",
                        "READY\n")
                .doesNotContain("FAILED");
        assertThat(read(server, "opt/xanthus/info.txt"))
                .contains("Time zone: Europe/Berlin", "K3s: k3s version v1.33.5");
        assertThat(read(server, "run/cloud-init/status"))
                .as(read(server, CloudInitRun.OUTPUT_LOG))
                .isEqualTo("done\n");
        assertThat(read(server, "var/lib/xanthus/apt-installed")).contains("jq\n", "unattended-upgrades\n");
        assertThat(read(server, "etc/ufw/xanthus-rules")).contains("allow 443/tcp", "enable");
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(server.root().resolve("opt/xanthus/setup.sh"))))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(server.root().resolve("opt/xanthus/setup.env"))))
                .isEqualTo("rw-------");
        assertThat(server.owner("/etc/ssh/sshd_config.d/10-xanthus.conf")).isEqualTo("root:root");
        assertThat(read(server, "etc/ssh/sshd_config.d/10-xanthus.conf")).contains("PermitRootLogin prohibit-password");
        try (SshTestClient ssh =
                SshTestClient.connect(server.sshAddress(), server.hostKeyFingerprint(), KEY, "ubuntu")) {
            assertThat(ssh.exec("timedatectl show -p Timezone --value").out()).isEqualTo("Europe/Berlin\n");
            assertThat(ssh.exec("kubectl get nodes").out()).contains(" Ready");
        }
    }

    @Test
    void failingScript_shouldEndFailed_neverReady() throws Exception {
        // timedatectl refuses the zone: the script's ERR trap writes FAILED
        SandboxServer server = boot("ci-failed", xanthus("ci-failed", "Mars/Olympus"));

        assertThat(eventually(WAIT, () -> cloudInitDone(server))).isTrue();
        assertThat(read(server, "opt/xanthus/status")).isEqualTo("FAILED\n");
        assertThat(read(server, "opt/xanthus/setup.log"))
                .contains("Invalid or not installed time zone 'Mars/Olympus'")
                .doesNotContain("READY");
        assertThat(read(server, "run/cloud-init/status")).startsWith("error\n");
        assertThat(server.stage()).isNull();
    }

    @Test
    void unknownOwner_shouldStopWriteFiles_andTheSetupNeverStarts() throws Exception {
        String userData = xanthus("ci-owner", "UTC").replaceFirst("owner: root:root", "owner: xanthus:root");
        SandboxServer server = boot("ci-owner", userData);

        assertThat(eventually(WAIT, () -> cloudInitDone(server)))
                .as(read(server, CloudInitRun.OUTPUT_LOG))
                .isTrue();
        assertThat(server.root().resolve("opt/xanthus/setup.env")).exists();
        assertThat(server.root().resolve("opt/xanthus/setup.sh")).doesNotExist();
        assertThat(read(server, "opt/xanthus/status")).isEmpty();
        assertThat(read(server, CloudInitRun.OUTPUT_LOG)).contains("getpwnam(): name not found: 'xanthus'");
        assertThat(read(server, "run/cloud-init/status")).startsWith("error\n");
    }

    @Test
    void userDataWithoutHeader_shouldNotRun() throws Exception {
        SandboxServer server = boot("ci-header", xanthus("ci-header", "UTC").replaceFirst("#cloud-config\n", ""));

        assertThat(eventually(WAIT, () -> cloudInitDone(server))).isTrue();
        assertThat(read(server, CloudInitRun.OUTPUT_LOG)).contains("Unhandled non-multipart");
        assertThat(server.root().resolve("opt/xanthus/setup.sh")).doesNotExist();
        assertThat(server.stage()).isNull();
    }

    @Test
    void runcmd_shouldRunListAndStringFormsInOrder_andWriteFilesDecodeAndFallBackOnBadPermissions() throws Exception {
        String userData =
                """
        #cloud-config
        write_files:
          - path: /srv/b64.txt
            encoding: b64
            content: aGVsbG8gYjY0Cg==
            permissions: 'rw-r--r--'
          - path: /srv/plain.txt
            content: "it's plain\\n"
            permissions: '0640'
            owner: www-data:www-data
        runcmd:
          - [sh, -c, "echo one >>/srv/order"]
          - echo two >>/srv/order; false
          - [sh, -c, "echo \\"it's three\\" >>/srv/order"]
        """;
        SandboxServer server = boot("ci-forms", userData);

        assertThat(eventually(WAIT, () -> cloudInitDone(server))).isTrue();
        assertThat(read(server, "srv/order")).isEqualTo("one\ntwo\nit's three\n");
        assertThat(read(server, "srv/b64.txt")).isEqualTo("hello b64\n");
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(server.root().resolve("srv/b64.txt"))))
                .isEqualTo("rw-r--r--");
        assertThat(read(server, CloudInitRun.OUTPUT_LOG)).contains("Undecodable permissions rw-r--r--");
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(server.root().resolve("srv/plain.txt"))))
                .isEqualTo("rw-r-----");
        assertThat(server.owner("/srv/plain.txt")).isEqualTo("www-data:www-data");
        assertThat(read(server, "run/cloud-init/status")).isEqualTo("done\n");
    }
}
