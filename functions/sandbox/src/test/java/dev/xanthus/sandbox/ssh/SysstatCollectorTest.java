package dev.xanthus.sandbox.ssh;

import static dev.xanthus.sandbox.ssh.SshTestClient.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.xanthus.sandbox.testing.XanthusUserData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Xanthus's setup switches on the real sysstat on a sandbox server (this machine's Debian package, installed through
 * the apt-get shim): sadc samples into the server's own /var/log/sysstat, sadf reads it over SSH, and the collector
 * stops with the power and starts again at boot, as systemd starts an enabled unit.
 */
@Timeout(90)
class SysstatCollectorTest {

    private static final KeyPair KEY = SshTestClient.newRsaKey();
    private static final Duration WAIT = Duration.ofSeconds(40);

    private static SandboxServers servers;

    @BeforeAll
    static void start() {
        servers = new SandboxServers(SandboxServers.Config.instant());
    }

    @AfterAll
    static void stop() {
        servers.close();
    }

    @Test
    void setup_shouldStartTheRealCollector_whoseFilesSadfReadsOverSsh() throws Exception {
        SandboxServer server = servers.create(
                "metrics",
                List.of(SshTestClient.authorizedKeyLine(KEY)),
                List.of("root"),
                XanthusUserData.hetzner("metrics", "Europe/Berlin"));
        assertThat(eventually(WAIT, () -> server.stage() == Stage.READY))
                .as(read(server, "opt/xanthus/setup.log"))
                .isTrue();
        assertThat(read(server, "etc/sysstat/sysstat")).contains("HISTORY=8\n", "SADC_OPTIONS=\"-S XDISK\"\n");
        assertThat(read(server, "etc/default/sysstat")).contains("ENABLED=\"true\"");
        assertThat(eventually(WAIT, () -> dataFiles(server).size() == 1)).isTrue();

        try (SshTestClient ssh = SshTestClient.connect(server.sshAddress(), server.hostKeyFingerprint(), KEY)) {
            assertThat(ssh.exec("systemctl is-active sysstat").out()).isEqualTo("active\n");
            String file = "/var/log/sysstat/" + dataFiles(server).get(0).getFileName();
            assertThat(eventually(WAIT, () -> records(ssh, file) >= 2)).isTrue();
            SshTestClient.Result json = ssh.exec("sadf -j --fs=/ -- -u -r ALL -q -n DEV -F MOUNT " + file);
            assertThat(json.exitStatus()).as(json.err()).isZero();
            assertThat(json.out()).contains("\"cpu-load\"", "\"memory\"", "\"ldavg-1\"", "\"mountpoint\": \"/\"");
        }

        server.powerOff();
        long after = size(server);
        Thread.sleep(2_500);
        assertThat(size(server)).as("no samples while powered off").isEqualTo(after);
        server.powerOn();
        assertThat(eventually(WAIT, () -> size(server) > after)).isTrue();
    }

    @Test
    void beforeTheSetupInstallsIt_thereIsNoSadf_evenThoughThisMachineHasOne() throws Exception {
        SandboxServer bare = servers.create("plain", List.of(SshTestClient.authorizedKeyLine(KEY)));
        try (SshTestClient ssh = SshTestClient.connect(bare.sshAddress(), bare.hostKeyFingerprint(), KEY)) {
            SshTestClient.Result sadf = ssh.exec("sadf -j");
            assertThat(sadf.exitStatus()).isEqualTo(127);
            assertThat(ssh.exec("systemctl start sysstat").exitStatus()).isNotZero();
        }
    }

    private static int records(SshTestClient ssh, String file) {
        try {
            String out = ssh.exec("sadf -j " + file).out();
            return out.split("\"timestamp\"", -1).length - 1;
        } catch (Exception e) {
            return 0;
        }
    }

    private static List<Path> dataFiles(SandboxServer server) {
        try (Stream<Path> files = Files.list(server.root().resolve("var/log/sysstat"))) {
            return files.filter(p -> p.getFileName().toString().matches("sa[0-9]+"))
                    .toList();
        } catch (Exception missing) {
            return List.of();
        }
    }

    private static long size(SandboxServer server) {
        return dataFiles(server).stream()
                .mapToLong(p -> {
                    try {
                        return Files.size(p);
                    } catch (Exception e) {
                        return 0;
                    }
                })
                .sum();
    }

    private static String read(SandboxServer server, String path) {
        try {
            return Files.readString(server.root().resolve(path));
        } catch (Exception missing) {
            return "";
        }
    }
}
