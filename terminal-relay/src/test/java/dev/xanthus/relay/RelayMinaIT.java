package dev.xanthus.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xanthus.core.terminal.TerminalSession;
import dev.xanthus.relay.testing.RelayHarness;
import dev.xanthus.relay.testing.SshTarget;
import dev.xanthus.relay.testing.TestSocket;
import dev.xanthus.sandbox.ssh.SandboxServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The relay end to end: a WebSocket client, the relay, dynalite, and an in-process MINA sshd with a real bash PTY. */
@Timeout(60)
class RelayMinaIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private static SandboxServers servers;
    private static SshTarget target;
    private static RelayHarness harness;

    @BeforeAll
    static void start() throws Exception {
        servers = new SandboxServers(SandboxServers.Config.instant());
        target = SshTarget.sandboxBox(servers);
        harness = new RelayHarness(Map.of("RELAY_AUTH_TIMEOUT", "PT0.5S", "RELAY_MAX_SESSIONS_PER_ACCOUNT", "3"));
    }

    @AfterAll
    static void stop() {
        if (harness != null) {
            harness.close();
        }
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void input_shouldEchoTheShellsAnswer_whenTypedAsJson() throws Exception {
        try (TestSocket socket = harness.openTerminal("acc-echo", target, false)) {
            socket.type("echo X$((6*7))Y\r");

            assertThat(socket.awaitOutput("X42Y", WAIT)).contains("X42Y");
            assertThat(socket.seqConsistent()).isTrue();
        }
    }

    @Test
    void binaryInput_shouldReachTheShell_andOutputComeBackAsSeqFrames() throws Exception {
        try (TestSocket socket = harness.openTerminal("acc-binary", target, true)) {
            socket.sendBinary("echo B$((7*6))B\r".getBytes(StandardCharsets.UTF_8));

            socket.awaitOutput("B42B", WAIT);
            assertThat(socket.seqConsistent()).isTrue();
            assertThat(socket.lastSeq()).isEqualTo(socket.outputBytes().length);
        }
    }

    @Test
    void auth_shouldBeRefusedWith4401_whenTheTicketIsReplayed() throws Exception {
        // given
        String[] issued = harness.issue("acc-replay", target, false);
        try (TestSocket first = harness.authenticated(issued, false, WAIT)) {
            // when
            try (TestSocket replay = TestSocket.open(harness.port, issued[0], RelayHarness.ORIGIN)) {
                replay.sendJson("type", "auth", "ticket", issued[1]);
                // then
                assertThat(replay.awaitClose(WAIT)).isEqualTo(4401);
                assertThat(replay.awaitMessage("error", WAIT).path("code").asText())
                        .isEqualTo("UNAUTHENTICATED");
            }
        }
    }

    @Test
    void auth_shouldBeRefusedWith4401_whenTheTicketExpired() throws Exception {
        String[] issued = harness.issueExpired("acc-expired", target);

        try (TestSocket socket = TestSocket.open(harness.port, issued[0], RelayHarness.ORIGIN)) {
            socket.sendJson("type", "auth", "ticket", issued[1]);

            assertThat(socket.awaitClose(WAIT)).isEqualTo(4401);
        }
    }

    @Test
    void auth_shouldBeRefusedWith4401_whenTheTicketIsForAnotherSession() throws Exception {
        String[] issued = harness.issue("acc-path", target, false);

        try (TestSocket socket = TestSocket.open(harness.port, RelayHarness.newSessionId(), RelayHarness.ORIGIN)) {
            socket.sendJson("type", "auth", "ticket", issued[1]);

            assertThat(socket.awaitClose(WAIT)).isEqualTo(4401);
        }
    }

    @Test
    void upgrade_shouldBeRefusedWith403_whenTheOriginIsForeign() throws Exception {
        assertThat(TestSocket.refusedStatus(harness.port, RelayHarness.newSessionId(), "https://evil.example"))
                .isEqualTo(403);
    }

    @Test
    void socket_shouldBeClosedWith4401_whenNoAuthArrivesInTime() throws Exception {
        try (TestSocket socket = TestSocket.open(harness.port, RelayHarness.newSessionId(), RelayHarness.ORIGIN)) {
            assertThat(socket.awaitClose(WAIT)).isEqualTo(4401);
        }
    }

    @Test
    void socket_shouldBeClosedWith1009_whenAFrameIsOver64KiB() throws Exception {
        try (TestSocket socket = TestSocket.open(harness.port, RelayHarness.newSessionId(), RelayHarness.ORIGIN)) {
            socket.sendBinaryMayBeRefused(new byte[65 * 1024]);

            assertThat(socket.awaitClose(WAIT)).isEqualTo(1009);
        }
    }

    @Test
    void resume_shouldReplayExactlyTheMissedOutputOnceInOrder_whenTheSocketDropped() throws Exception {
        // given: a recorded session whose output continues while its socket is gone
        String[] issued = harness.issue("acc-resume", target, true);
        TestSocket first = TestSocket.open(harness.port, issued[0], RelayHarness.ORIGIN);
        first.sendJson("type", "auth", "ticket", issued[1], "binary", true);
        String token = first.awaitMessage("ready", WAIT).path("resumeToken").asText();
        first.type("echo A$((1+1))A\r");
        first.awaitOutput("A2A", WAIT);
        first.type("sleep 1; for i in 1 2 3; do echo LATE_$((i*100)); done; echo DONE_$((5+5))\r");
        Thread.sleep(200);
        first.drop();
        byte[] before = first.outputBytes();
        long lastSeq = first.lastSeq();
        Thread.sleep(1_800);
        // when
        try (TestSocket second = TestSocket.open(harness.port, issued[0], RelayHarness.ORIGIN)) {
            second.sendJson(
                    "type", "resume", "sessionId", issued[0], "resumeToken", token, "lastSeq", lastSeq, "binary", true);
            JsonNode ready = second.awaitMessage("ready", WAIT);
            String replayed = second.awaitOutput("DONE_10", WAIT);
            second.type("exit\r");
            second.awaitMessage("exit", WAIT);
            // then
            assertThat(ready.path("seq").asLong()).isEqualTo(lastSeq);
            assertThat(ready.path("resumeToken").asText()).isNotEqualTo(token);
            assertThat(second.seqConsistent()).isTrue();
            assertThat(replayed).contains("LATE_100\r\nLATE_200\r\nLATE_300");
            assertThat(countOf(new String(before, StandardCharsets.UTF_8) + replayed, "LATE_200"))
                    .isEqualTo(1);
            String whole = new String(concat(before, second.outputBytes()), StandardCharsets.UTF_8);
            assertThat(whole).isEqualTo(recordedOutput("acc-resume", issued[0]));
        }
    }

    @Test
    void resume_shouldBeRefusedWith4404_whenTheTokenIsWrongOrTheSessionUnknown() throws Exception {
        try (TestSocket socket = harness.openTerminal("acc-badtoken", target, false)) {
            String id = socket.awaitMessage("ready", WAIT).path("sessionId").asText();
            try (TestSocket thief = TestSocket.open(harness.port, id, RelayHarness.ORIGIN)) {
                thief.sendJson("type", "resume", "sessionId", id, "resumeToken", "guess", "lastSeq", 0);
                assertThat(thief.awaitClose(WAIT)).isEqualTo(4404);
            }
        }
        String unknown = RelayHarness.newSessionId();
        try (TestSocket socket = TestSocket.open(harness.port, unknown, RelayHarness.ORIGIN)) {
            socket.sendJson("type", "resume", "sessionId", unknown, "resumeToken", "x", "lastSeq", 0);
            assertThat(socket.awaitClose(WAIT)).isEqualTo(4404);
        }
    }

    @Test
    void resume_shouldBeRefusedWith4404_afterTheGracePeriod() throws Exception {
        try (RelayHarness shortGrace = new RelayHarness(Map.of("RELAY_RESUME_GRACE", "PT0.3S"))) {
            String[] issued = shortGrace.issue("acc-grace", target, false);
            TestSocket first = TestSocket.open(shortGrace.port, issued[0], RelayHarness.ORIGIN);
            first.sendJson("type", "auth", "ticket", issued[1]);
            String token = first.awaitMessage("ready", WAIT).path("resumeToken").asText();
            first.drop();
            Await.until(WAIT, () -> shortGrace.relay.sessionCount() == 0);

            try (TestSocket second = TestSocket.open(shortGrace.port, issued[0], RelayHarness.ORIGIN)) {
                second.sendJson(
                        "type", "resume", "sessionId", issued[0], "resumeToken", token, "lastSeq", first.lastSeq());
                assertThat(second.awaitClose(WAIT)).isEqualTo(4404);
            }
            Await.until(WAIT, () -> shortGrace
                    .sessions
                    .find("acc-grace", issued[0])
                    .map(s -> s.state() == TerminalSession.State.TERMINATED)
                    .orElse(false));
        }
    }

    @Test
    void auth_shouldBeRefusedWithHostKeyMismatch_whenThePinnedKeyDiffers() throws Exception {
        SshTarget wrong = target.withFingerprint("SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        String[] issued = harness.issue("acc-hostkey", wrong, false);

        try (TestSocket socket = TestSocket.open(harness.port, issued[0], RelayHarness.ORIGIN)) {
            socket.sendJson("type", "auth", "ticket", issued[1]);

            assertThat(socket.awaitMessage("error", WAIT).path("code").asText()).isEqualTo("HOST_KEY_MISMATCH");
            assertThat(socket.awaitClose(WAIT)).isEqualTo(4502);
        }
    }

    @Test
    void auth_shouldBeRefusedWithSessionLimit_whenTheAccountHasTooManyLiveSessions() throws Exception {
        List<TestSocket> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                open.add(harness.openTerminal("acc-limit", target, false));
            }
            String[] issued = harness.issue("acc-limit", target, false);
            try (TestSocket fourth = TestSocket.open(harness.port, issued[0], RelayHarness.ORIGIN)) {
                fourth.sendJson("type", "auth", "ticket", issued[1]);

                assertThat(fourth.awaitMessage("error", WAIT).path("code").asText())
                        .isEqualTo("SESSION_LIMIT");
                assertThat(fourth.awaitClose(WAIT)).isEqualTo(4429);
            }
        } finally {
            open.forEach(TestSocket::close);
        }
    }

    @Test
    void terminateRequest_shouldEndTheSession_andRecordItsTotals() throws Exception {
        // given
        String[] issued = harness.issue("acc-kill", target, false);
        try (TestSocket socket = harness.authenticated(issued, false, WAIT)) {
            socket.type("echo K$((2*2))K\r");
            socket.awaitOutput("K4K", WAIT);
            // when
            assertThat(harness.sessions.requestTerminate("acc-kill", issued[0])).isTrue();
            // then
            assertThat(socket.awaitMessage("error", Duration.ofSeconds(10))
                            .path("code")
                            .asText())
                    .isEqualTo("SESSION_TERMINATED");
            assertThat(socket.awaitClose(WAIT)).isEqualTo(4410);
            Await.until(WAIT, () -> harness.sessions
                    .find("acc-kill", issued[0])
                    .map(s -> s.state() == TerminalSession.State.TERMINATED && s.bytesIn() > 0 && s.bytesOut() > 0)
                    .orElse(false));
        }
    }

    @Test
    void ping_shouldBeAnsweredWithPong() throws Exception {
        try (TestSocket socket = harness.openTerminal("acc-ping", target, false)) {
            socket.sendJson("type", "ping");

            assertThat(socket.awaitMessage("pong", WAIT)).isNotNull();
        }
    }

    @Test
    void close_shouldTellClientsTheRelayIsRestarting() throws Exception {
        RelayHarness doomed = new RelayHarness(Map.of());
        TestSocket socket = doomed.openTerminal("acc-restart", target, false);

        doomed.close();

        assertThat(socket.awaitMessage("error", WAIT).path("code").asText()).isEqualTo("RELAY_RESTARTING");
        assertThat(socket.awaitClose(WAIT)).isEqualTo(1012);
    }

    private static String recordedOutput(String account, String sessionId) throws Exception {
        Path cast = harness.recordings.resolve(account).resolve(sessionId + ".cast");
        Await.until(
                WAIT,
                () -> Files.exists(cast)
                        && harness.relay.sessionCount() >= 0
                        && harness.sessions
                                .find(account, sessionId)
                                .map(TerminalSession::recordingAvailable)
                                .orElse(false));
        List<String> lines = Files.readAllLines(cast);
        JsonNode header = Protocol.JSON.readTree(lines.get(0));
        assertThat(header.path("version").asInt()).isEqualTo(2);
        StringBuilder out = new StringBuilder();
        for (String line : lines.subList(1, lines.size())) {
            JsonNode event = Protocol.JSON.readTree(line);
            if (event.get(1).asText().equals("o")) {
                out.append(event.get(2).asText());
            }
        }
        return out.toString();
    }

    private static int countOf(String haystack, String needle) {
        int count = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            count++;
        }
        return count;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
