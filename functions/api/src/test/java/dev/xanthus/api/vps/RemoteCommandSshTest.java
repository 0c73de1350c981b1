package dev.xanthus.api.vps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xanthus.api.testing.HetznerSandbox;
import dev.xanthus.clients.ssh.CommandResult;
import dev.xanthus.clients.ssh.SshException;
import dev.xanthus.clients.ssh.SshSession;
import dev.xanthus.clients.ssh.SshTarget;
import dev.xanthus.clients.ssh.SshjConnector;
import dev.xanthus.core.account.AccountKeys;
import dev.xanthus.core.remote.RemoteCommand;
import dev.xanthus.core.server.AccountSshKey;
import dev.xanthus.sandbox.ssh.SandboxServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Quoted values reach a real bash on a sandbox server as plain data: printed back verbatim, never run. */
class RemoteCommandSshTest {

    private static final AccountSshKey KEY = AccountSshKey.from(AccountKeys.generate(Clock.systemUTC()));
    private static final SshjConnector SSH = new SshjConnector(Duration.ofSeconds(5), Duration.ofSeconds(10));
    private static SandboxServer server;

    @BeforeAll
    static void createServer() {
        server = HetznerSandbox.SIM.sandboxServers().create("quoting", List.of(KEY.publicKeyLine() + " test"));
    }

    @AfterAll
    static void deleteServer() {
        HetznerSandbox.SIM.sandboxServers().delete(server.ip());
    }

    private static SshTarget target(String pin) {
        return new SshTarget("127.0.0.1", server.sshAddress().getPort(), "root", KEY.keyPair(), pin);
    }

    @Test
    void hostileValues_shouldBePrintedVerbatim_andTheCanaryNeverCreated() {
        Path canary = server.root().resolve("pwned");
        List<String> hostile = List.of(
                "Europe/Berlin; touch " + canary,
                "$(touch " + canary + ")",
                "`touch " + canary + "`",
                "a'b\"c",
                "line\ntouch " + canary,
                "1;reboot",
                "&& touch " + canary + " #",
                "\\'; touch " + canary + "; echo '");
        try (SshSession session = SSH.open(target(server.hostKeyFingerprint()))) {
            for (String value : hostile) {
                CommandResult result = session.run(RemoteCommand.of("printf")
                        .literal("%s")
                        .value(value)
                        .build()
                        .line());

                assertThat(result.exitStatus()).isZero();
                assertThat(result.stdout()).isEqualTo(value);
            }
        }
        assertThat(Files.exists(canary)).isFalse();
    }

    @Test
    void open_shouldRecordTheHostKeyOnFirstUse_andRefuseAnotherKeyAfterwards() {
        try (SshSession first = SSH.open(target(null))) {
            assertThat(first.hostKeyFingerprint()).isEqualTo(server.hostKeyFingerprint());
        }

        assertThatThrownBy(() -> SSH.open(target("SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")))
                .isInstanceOf(SshException.class)
                .satisfies(e -> assertThat(((SshException) e).kind()).isEqualTo(SshException.Kind.HOST_KEY_MISMATCH));
    }
}
