package dev.xanthus.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xanthus.relay.testing.OpenSshServer;
import dev.xanthus.relay.testing.RelayHarness;
import dev.xanthus.relay.testing.TestSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The relay against a real OpenSSH sshd on loopback; fails (never skips) where {@code /usr/sbin/sshd} or root is missing. */
@Timeout(120)
class RelayOpenSshIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static OpenSshServer sshd;
    private static RelayHarness harness;

    @BeforeAll
    static void start() throws Exception {
        assertThat(OpenSshServer.available())
                .as("needs /usr/sbin/sshd (apt-get install -y openssh-server) and root")
                .isTrue();
        sshd = OpenSshServer.start();
        harness = new RelayHarness(Map.of("RELAY_MAX_SESSIONS_PER_ACCOUNT", "100"));
    }

    @AfterAll
    static void stop() {
        if (harness != null) {
            harness.close();
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    @Test
    void input_shouldComeBackAs42_whenTypingEchoOfSixTimesSeven() throws Exception {
        try (TestSocket socket = harness.openTerminal("acc-1", sshd.target(), false)) {
            socket.type("echo $((6*7))\r");

            String output = socket.awaitOutput("42\r\n", WAIT);
            // bash wraps each command in bracketed-paste escapes; the answer is still a line of its own
            assertThat(output.replaceAll("\u001B\\[[0-9;?]*[A-Za-z]", "")
                            .replace("\r", "")
                            .split("\n"))
                    .contains("42");
        }
    }

    @Test
    void resize_shouldChangeWhatSttySizePrints() throws Exception {
        try (TestSocket socket = harness.openTerminal("acc-1", sshd.target(), true)) {
            socket.sendJson("type", "resize", "cols", 123, "rows", 45);
            socket.type("stty size\r");

            assertThat(socket.awaitOutput("45 123", WAIT)).contains("45 123");
        }
    }

    @Test
    void auth_shouldBeRefusedWithHostKeyMismatch_whenTheServerKeyChanged() throws Exception {
        String[] issued = harness.issue("acc-1", sshd.target().withFingerprint(sshd.otherFingerprint()), false);

        try (TestSocket socket = TestSocket.open(harness.port, issued[0], RelayHarness.ORIGIN)) {
            socket.sendJson("type", "auth", "ticket", issued[1]);

            assertThat(socket.awaitMessage("error", WAIT).path("code").asText()).isEqualTo("HOST_KEY_MISMATCH");
            assertThat(socket.awaitClose(WAIT)).isEqualTo(4502);
        }
    }

    @Test
    void session_shouldEndWithAReason_whenSshdIsKilledMidSession() throws Exception {
        try (OpenSshServer doomed = OpenSshServer.start();
                TestSocket socket = harness.openTerminal("acc-2", doomed.target(), false)) {
            socket.type("echo up$((1+1))\r");
            socket.awaitOutput("up2", WAIT);

            doomed.kill();

            JsonNode last =
                    socket.awaitMessage(m -> m.path("type").asText().matches("error|exit"), WAIT, "an error or exit");
            assertThat(last.path("type").asText().equals("exit")
                            || last.path("code").asText().equals("SSH_DISCONNECTED"))
                    .as("ended with %s", last)
                    .isTrue();
            assertThat(socket.awaitClose(WAIT)).isIn(1000, 4502);
        }
    }

    @Test
    void exit_shouldCarryTheShellsStatus() throws Exception {
        try (TestSocket socket = harness.openTerminal("acc-1", sshd.target(), false)) {
            socket.type("exit 3\r");

            assertThat(socket.awaitMessage("exit", WAIT).path("status").asInt()).isEqualTo(3);
            assertThat(socket.awaitClose(WAIT)).isEqualTo(1000);
        }
    }

    @Test
    void fiftyConcurrentSessions_shouldEachEchoTheirOwnAnswer() throws Exception {
        // given: 50 sessions open at once (opened ten at a time, as a 2-core box with a local dynalite copes with)
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<TestSocket> sockets = new ArrayList<>();
        try {
            for (int wave = 0; wave < 5; wave++) {
                List<Callable<TestSocket>> opens = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    int n = wave * 10 + i;
                    opens.add(() -> harness.openTerminal(
                            "acc-many-" + (n % 5), sshd.target(), n % 2 == 0, Duration.ofSeconds(30)));
                }
                for (Future<TestSocket> f : pool.invokeAll(opens, 40, TimeUnit.SECONDS)) {
                    sockets.add(f.get());
                }
            }
            // when: every one of them types at the same time
            for (int n = 0; n < sockets.size(); n++) {
                sockets.get(n).type("echo S" + n + "_$((" + n + "*3))_E\r");
            }
            // then
            for (int n = 0; n < sockets.size(); n++) {
                assertThat(sockets.get(n).awaitOutput("S" + n + "_" + n * 3 + "_E", WAIT))
                        .contains("S" + n + "_" + n * 3 + "_E");
            }
            assertThat(sockets).hasSize(50);
        } finally {
            pool.shutdownNow();
            sockets.forEach(TestSocket::close);
        }
    }
}
