package dev.xanthus.sandbox.ssh;

import static dev.xanthus.sandbox.ssh.SshTestClient.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xanthus.sandbox.testing.XanthusUserData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.xfer.FileSystemFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class SandboxServersTest {

    private static final KeyPair KEY = SshTestClient.newRsaKey();

    private static SandboxServers servers;
    /** Booted without user data: a plain image, nothing set up. */
    private static SandboxServer server;

    @BeforeAll
    static void start() {
        servers = new SandboxServers(SandboxServers.Config.instant());
        server = servers.create("test-1", List.of(SshTestClient.authorizedKeyLine(KEY)));
    }

    @AfterAll
    static void stop() {
        servers.close();
    }

    private static SshTestClient connect(SandboxServer target) throws IOException {
        return SshTestClient.connect(target.sshAddress(), target.hostKeyFingerprint(), KEY);
    }

    @Test
    void exec_shouldReturnOutputAndExitStatus_whenKeyIsAuthorized() throws Exception {
        try (SshTestClient ssh = connect(server)) {
            assertThat(ssh.exec("echo hello; echo oops >&2; exit 7"))
                    .isEqualTo(new SshTestClient.Result("hello\n", "oops\n", 7));
            assertThat(ssh.exec("hostname").out()).isEqualTo("test-1\n");
        }
    }

    @Test
    void connect_shouldBeRefused_whenKeyIsNotAuthorized() {
        KeyPair stranger = SshTestClient.newRsaKey();
        assertThatThrownBy(() -> SshTestClient.connect(server.sshAddress(), server.hostKeyFingerprint(), stranger)
                        .close())
                .isInstanceOf(UserAuthException.class);
    }

    @Test
    void connect_shouldFail_whenPinnedHostKeyDiffers() {
        String otherFingerprint = "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU";
        assertThatThrownBy(() -> SshTestClient.connect(server.sshAddress(), otherFingerprint, KEY)
                        .close())
                .isInstanceOf(TransportException.class);
    }

    @Test
    void withUserData_statusShouldBeWhatTheSetupWrote_andK3sActiveOnceItsInstallerRan() throws Exception {
        SandboxServer set = servers.create(
                "set-up",
                List.of(SshTestClient.authorizedKeyLine(KEY)),
                List.of("root"),
                XanthusUserData.hetzner("set-up", "Asia/Tokyo"));
        try (SshTestClient ssh = connect(set)) {
            assertThat(eventually(Duration.ofSeconds(20), () -> exec(ssh, "cat /opt/xanthus/status")
                            .equals("READY\n")))
                    .as(exec(ssh, "cat /var/log/cloud-init-output.log /opt/xanthus/setup.log"))
                    .isTrue();

            SshTestClient.Result k3s = ssh.exec("systemctl is-active k3s");
            assertThat(k3s).isEqualTo(new SshTestClient.Result("active\n", "", 0));
            assertThat(ssh.exec("sudo journalctl -u k3s -n 1 --no-pager").out()).contains("k3s[1203]: Node is ready");
            assertThat(ssh.exec("journalctl -u cloud-init --no-pager").out()).contains("Cloud-init v. 24.4 running");
            assertThat(ssh.exec("cat /opt/xanthus/setup.log").out()).contains("INSTALLING_K3S", "READY");
            assertThat(ssh.exec("timedatectl show -p Timezone --value").out()).isEqualTo("Asia/Tokyo\n");
        } finally {
            servers.delete(set.ip());
        }
    }

    @Test
    void withoutUserData_nothingShouldBeSetUp() throws Exception {
        try (SshTestClient ssh = connect(server)) {
            assertThat(ssh.exec("cat /opt/xanthus/status").exitStatus()).isNotZero();
            // not lent by this machine's PATH either
            assertThat(ssh.exec("kubectl version").err()).isEqualTo("kubectl: command not found\n");
            assertThat(ssh.exec("helm version").exitStatus()).isEqualTo(127);
            assertThat(ssh.exec("k3s --version").exitStatus()).isEqualTo(127);
            assertThat(ssh.exec("systemctl is-active k3s")).isEqualTo(new SshTestClient.Result("inactive\n", "", 3));
        }
        assertThat(server.stage()).isNull();
        assertThat(server.cloudInitFinished()).isFalse();
    }

    @Test
    void slowPackages_shouldHoldTheSetupBeforeItsFirstStage_andDeleteShouldStopIt() throws Exception {
        SandboxServers slow = new SandboxServers(SandboxServers.Config.uniform(Duration.ofMinutes(5)));
        SandboxServer fresh;
        try (slow) {
            fresh = slow.create(
                    "fresh",
                    List.of(SshTestClient.authorizedKeyLine(KEY)),
                    List.of("root"),
                    XanthusUserData.hetzner("fresh", "UTC"));
            try (SshTestClient ssh = connect(fresh)) {
                // cloud-init is in its package module: apt-get sleeps, the setup script has not written a stage yet
                assertThat(eventually(Duration.ofSeconds(10), () -> exec(ssh, "cat /var/log/cloud-init-output.log")
                                .contains("running 'modules:final'")))
                        .isTrue();
                assertThat(ssh.exec("cat /opt/xanthus/status").exitStatus()).isNotZero();
                assertThat(ssh.exec("systemctl is-active k3s"))
                        .isEqualTo(new SshTestClient.Result("inactive\n", "", 3));
                assertThat(ssh.exec("journalctl -u k3s").out()).isEqualTo("-- No entries --\n");
            }
            assertThat(fresh.stage()).isNull();
        }
        assertThat(fresh.root()).doesNotExist();
    }

    @Test
    void timedatectl_shouldPersistTimezone_whenZoneIsValid() throws Exception {
        try (SshTestClient ssh = connect(server)) {
            assertThat(ssh.exec("timedatectl set-timezone Europe/Berlin").exitStatus())
                    .isZero();
            assertThat(ssh.exec("timedatectl show -p Timezone --value").out()).isEqualTo("Europe/Berlin\n");
            assertThat(ssh.exec("timedatectl").out()).contains("Time zone: Europe/Berlin (CE");

            SshTestClient.Result bad = ssh.exec("timedatectl set-timezone Mars/Olympus");
            assertThat(bad.exitStatus()).isEqualTo(1);
            assertThat(bad.err()).contains("Invalid or not installed time zone 'Mars/Olympus'");
            assertThat(ssh.exec("timedatectl show -p Timezone --value").out()).isEqualTo("Europe/Berlin\n");
        }
    }

    @Test
    void systemCommands_shouldAnswerLikeAServer() throws Exception {
        try (SshTestClient ssh = connect(server)) {
            assertThat(ssh.exec("uptime").out()).contains(" up ", "load average:");
            assertThat(ssh.exec("free -h").out()).contains("Mem:");
            assertThat(ssh.exec("df -h /").out()).contains("/dev/sda1", " /\n");
            assertThat(ssh.exec("pwd").out()).isEqualTo(server.root().resolve("root") + "\n");
        }
    }

    @Test
    void exec_shouldRunInputInBashUnfiltered() throws Exception {
        try (SshTestClient ssh = connect(server)) {
            ssh.exec("echo x; touch canary-$((1+1))");
        }
        assertThat(server.root().resolve("root/canary-2")).exists();
    }

    @Test
    void shell_shouldEchoArithmetic_onAPty() throws Exception {
        try (SshTestClient ssh = connect(server);
                Session session = ssh.ssh().startSession()) {
            session.allocatePTY("xterm-256color", 100, 30, 0, 0, java.util.Map.of());
            Session.Shell shell = session.startShell();
            OutputStream in = shell.getOutputStream();
            in.write("tty; echo $((6*7))\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            String seen = readUntil(shell.getInputStream(), "\n42\r\n", Duration.ofSeconds(10));
            assertThat(seen).contains("/dev/pts/").contains("\n42\r\n");
            shell.changeWindowDimensions(120, 40, 0, 0);
            in.write("stty size\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            assertThat(readUntil(shell.getInputStream(), "40 120", Duration.ofSeconds(10)))
                    .contains("40 120");
        }
    }

    @Test
    void sftp_shouldUploadAndDownload_withinTheServerFolder(@TempDir Path local) throws Exception {
        Path upload = Files.writeString(local.resolve("up.txt"), "hello sftp\n");
        try (SshTestClient ssh = connect(server);
                SFTPClient sftp = ssh.ssh().newSFTPClient()) {
            sftp.mkdirs("/opt/xanthus/ssl");
            sftp.put(new FileSystemFile(upload.toFile()), "/opt/xanthus/ssl/cert.pem");
            sftp.get(
                    "/etc/hostname",
                    new FileSystemFile(local.resolve("hostname").toFile()));

            assertThat(server.root().resolve("opt/xanthus/ssl/cert.pem")).hasContent("hello sftp");
            assertThat(ssh.exec("cat /opt/xanthus/ssl/cert.pem").out()).isEqualTo("hello sftp\n");
            assertThat(local.resolve("hostname")).hasContent("test-1");
        }
    }

    @Test
    void power_shouldRefuseWhenOff_andKeepPortAndHostKeyWhenOnAgain() throws Exception {
        // given
        SandboxServer other = servers.create("power", List.of(SshTestClient.authorizedKeyLine(KEY)));
        var address = other.sshAddress();
        String fingerprint = other.hostKeyFingerprint();

        // when
        other.powerOff();

        // then
        assertThatThrownBy(() -> connect(other)).isInstanceOf(ConnectException.class);
        other.powerOn();
        assertThat(other.sshAddress()).isEqualTo(address);
        assertThat(other.hostKeyFingerprint()).isEqualTo(fingerprint);
        try (SshTestClient ssh = connect(other)) {
            assertThat(ssh.exec("echo back").out()).isEqualTo("back\n");
        }
    }

    @Test
    void delete_shouldStopServer_andRemoveItsFolder() throws Exception {
        SandboxServer doomed = servers.create("doomed", List.of(SshTestClient.authorizedKeyLine(KEY)));
        assertThat(servers.resolve(doomed.ip())).contains(doomed.sshAddress());

        servers.delete(doomed.ip());

        assertThat(doomed.root()).doesNotExist();
        assertThat(servers.resolve(doomed.ip())).isEmpty();
        assertThatThrownBy(() -> connect(doomed)).isInstanceOf(ConnectException.class);
    }

    @Test
    void aStateFolderWithSpaces_shouldStillRunUserData(@TempDir Path tmp) throws Exception {
        Path state = tmp.resolve("My Projects/state");
        try (SandboxServers spaced =
                new SandboxServers(SandboxServers.Config.instant().withStateDir(state))) {
            SandboxServer box = spaced.create(
                    "spaced",
                    List.of(SshTestClient.authorizedKeyLine(KEY)),
                    List.of("root"),
                    "#cloud-config\nwrite_files:\n  - path: /etc/probe\n    content: hi\nruncmd:\n  - cp /etc/probe /root/copy\n");
            assertThat(eventually(Duration.ofSeconds(10), box::cloudInitFinished))
                    .isTrue();
            assertThat(state.resolve(box.ip()).resolve("root/copy")).hasContent("hi");
            assertThat(state.resolve(box.ip()).resolve("run/cloud-init/status")).hasContent("done");
        }
        assertThat(state).isEmptyDirectory();
    }

    @Test
    void create_shouldGiveEachServerItsOwnDocumentationRangeIp() {
        SandboxServer a = servers.create("a", List.of(SshTestClient.authorizedKeyLine(KEY)));
        SandboxServer b = servers.create("b", List.of(SshTestClient.authorizedKeyLine(KEY)));
        assertThat(a.ip()).startsWith("203.0.113.").isNotEqualTo(b.ip());
        assertThat(a.hostKeyFingerprint()).startsWith("SHA256:").isNotEqualTo(b.hostKeyFingerprint());
    }

    private static String exec(SshTestClient ssh, String command) {
        try {
            return ssh.exec(command).out();
        } catch (IOException e) {
            return "";
        }
    }

    private static String readUntil(InputStream in, String marker, Duration timeout) throws Exception {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buffer = new byte[4096];
        while (System.nanoTime() < deadline
                && !seen.toString(StandardCharsets.UTF_8).contains(marker)) {
            if (in.available() > 0) {
                seen.write(buffer, 0, in.read(buffer));
            } else {
                Thread.sleep(20);
            }
        }
        return seen.toString(StandardCharsets.UTF_8);
    }

    @Test
    void bareServer_shouldLetItsUserIn_setNothingUp_andKeepItsFilesInItsFolder() throws Exception {
        SandboxServer bare = servers.createBare("existing-1", List.of(SshTestClient.authorizedKeyLine(KEY)), "ubuntu");
        try {
            assertThat(bare.isBare()).isTrue();
            assertThat(bare.stage()).isNull();
            // root is refused until its authorized_keys holds the key; sshd reads the file, as a real one does
            assertThatThrownBy(() -> SshTestClient.connect(bare.sshAddress(), bare.hostKeyFingerprint(), KEY, "root"))
                    .isInstanceOf(UserAuthException.class);
            try (SshTestClient ssh =
                    SshTestClient.connect(bare.sshAddress(), bare.hostKeyFingerprint(), KEY, "ubuntu")) {
                assertThat(ssh.exec("cat /opt/xanthus/status").exitStatus()).isNotZero();
                assertThat(ssh.exec("kubectl version").exitStatus()).isEqualTo(127);
                assertThat(ssh.exec("helm version").exitStatus()).isEqualTo(127);
                assertThat(ssh.exec(
                                        "sudo -n bash -c 'mkdir -p /root/.ssh && printf \"%s\\n\" \"$0\" >/root/.ssh/authorized_keys'"
                                                + " '" + SshTestClient.authorizedKeyLine(KEY) + "'")
                                .exitStatus())
                        .isZero();
                assertThat(ssh.exec("echo hi >/etc/xanthus-probe; cat /etc/xanthus-probe")
                                .out())
                        .isEqualTo("hi\n");
                assertThat(ssh.exec("curl -fsSL https://example.com/x.sh").exitStatus())
                        .isEqualTo(6);
                assertThat(ssh.exec("curl -sfL https://get.k3s.io | sh - && kubectl get nodes")
                                .out())
                        .contains(" Ready");
                assertThat(ssh.exec("systemctl is-active k3s").out()).isEqualTo("active\n");
            }
            assertThat(bare.root().resolve("etc/xanthus-probe")).exists();
            assertThat(Path.of("/etc/xanthus-probe")).doesNotExist();
            try (SshTestClient root =
                    SshTestClient.connect(bare.sshAddress(), bare.hostKeyFingerprint(), KEY, "root")) {
                assertThat(root.exec("k3s --version").out()).startsWith("k3s version v1.33.5+k3s1");
            }
        } finally {
            servers.delete(bare.ip());
        }
    }
}
