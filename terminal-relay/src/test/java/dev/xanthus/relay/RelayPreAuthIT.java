package dev.xanthus.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xanthus.relay.testing.RelayHarness;
import dev.xanthus.relay.testing.SshTarget;
import dev.xanthus.relay.testing.TestSocket;
import dev.xanthus.sandbox.ssh.SandboxServers;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 19, item 6, with real sockets on loopback: sockets that never authenticate are closed by the pre-auth
 * deadline and at most {@code RELAY_PREAUTH_PER_ADDRESS} of them are held per address; a bad message after attach
 * is answered, not fatal.
 */
@Timeout(90)
class RelayPreAuthIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String LOOPBACK = "127.0.0.1";

    private static SandboxServers servers;
    private static SshTarget target;

    @BeforeAll
    static void start() throws Exception {
        servers = new SandboxServers(SandboxServers.Config.uniform(Duration.ZERO));
        target = SshTarget.sandboxBox(servers);
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void silentSocket_shouldBeClosedAtTheDeadline_beforeAndDuringTheHttpUpgrade() throws Exception {
        try (RelayHarness relay = new RelayHarness(Map.of("RELAY_PREAUTH_TIMEOUT", "PT1S"));
                Socket silent = connect(relay.port);
                Socket halfRequest = connect(relay.port)) {
            // a request line and one header, never finished (slow loris)
            halfRequest
                    .getOutputStream()
                    .write(("GET /ws/terminal/" + RelayHarness.newSessionId() + " HTTP/1.1\r\n" + "Host: 127.0.0.1\r\n")
                            .getBytes(StandardCharsets.US_ASCII));

            // before the fix both were held until the 75 s read-idle timeout
            assertThat(readToEnd(silent)).isEmpty();
            assertThat(readToEnd(halfRequest)).isEmpty();
            Await.until(WAIT, () -> relay.relay.unauthenticatedFrom(LOOPBACK) == 0);
        }
    }

    @Test
    void upgradedSocket_shouldBeClosedWith4401_whenItHasNotAuthenticatedByTheDeadline() throws Exception {
        // the first-message timer is set longer, so only the pre-auth deadline can close it
        try (RelayHarness relay =
                        new RelayHarness(Map.of("RELAY_PREAUTH_TIMEOUT", "PT1S", "RELAY_AUTH_TIMEOUT", "PT30S"));
                TestSocket socket = TestSocket.open(relay.port, RelayHarness.newSessionId(), RelayHarness.ORIGIN)) {
            assertThat(socket.awaitClose(WAIT)).isEqualTo(4401);
            assertThat(socket.awaitMessage("error", WAIT).path("message").asText())
                    .isEqualTo("not authenticated in time");
        }
    }

    @Test
    void perAddressCap_shouldRefuseThe33rdUnauthenticatedSocket_with429_andAdmitAgainWhenOneGoesAway()
            throws Exception {
        List<Socket> held = new ArrayList<>();
        try (RelayHarness relay = new RelayHarness(Map.of("RELAY_PREAUTH_TIMEOUT", "PT10S"))) {
            assertThat(relay.config.preAuthPerAddress()).isEqualTo(32);
            for (int i = 0; i < 32; i++) {
                held.add(connect(relay.port));
            }
            Await.until(WAIT, () -> relay.relay.unauthenticatedFrom(LOOPBACK) == 32);

            // the 33rd: a 429 with the error shape, before any upgrade; a WebSocket client sees the same status
            try (Socket refused = connect(relay.port)) {
                String answer = readToEnd(refused);
                assertThat(answer)
                        .startsWith("HTTP/1.1 429 ")
                        .contains("Content-Type: application/json")
                        .contains("{\"status\":\"error\",\"error\":{\"code\":\"TOO_MANY_CONNECTIONS\"");
            }
            assertThat(TestSocket.refusedStatus(relay.port, RelayHarness.newSessionId(), RelayHarness.ORIGIN))
                    .isEqualTo(429);
            assertThat(relay.relay.unauthenticatedFrom(LOOPBACK)).isEqualTo(32);

            // one goes away: a terminal gets through, and once authenticated it no longer counts
            held.remove(0).close();
            Await.until(WAIT, () -> relay.relay.unauthenticatedFrom(LOOPBACK) == 31);
            try (TestSocket terminal = relay.openTerminal("acc-cap", target, false)) {
                assertThat(relay.relay.unauthenticatedFrom(LOOPBACK))
                        .isLessThanOrEqualTo(31); // 32 had it still counted
                terminal.type("echo C$((8*4))C\r");
                assertThat(terminal.awaitOutput("C32C", WAIT)).contains("C32C");
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void behindTrustedProxies_theCapShouldCountTheForwardedClient_notTheProxy() throws Exception {
        // CloudFront appends the viewer, the load balancer appends CloudFront: the viewer is 2 from the right
        try (RelayHarness relay = new RelayHarness(Map.of(
                "RELAY_TRUSTED_PROXY_HOPS", "2", "RELAY_PREAUTH_PER_ADDRESS", "2", "RELAY_AUTH_TIMEOUT", "PT10S"))) {
            List<TestSocket> open = new ArrayList<>();
            try {
                for (String spoofed : new String[] {"6.6.6.6", "7.7.7.7"}) { // a client-set prefix changes nothing
                    open.add(TestSocket.open(
                            relay.port,
                            RelayHarness.newSessionId(),
                            RelayHarness.ORIGIN,
                            "X-Forwarded-For",
                            spoofed + ", 198.51.100.7, 10.0.0.9"));
                }
                assertThat(relay.relay.unauthenticatedFrom("198.51.100.7")).isEqualTo(2);
                assertThat(relay.relay.unauthenticatedFrom(LOOPBACK)).isZero();
                assertThat(TestSocket.refusedStatus(
                                relay.port,
                                RelayHarness.newSessionId(),
                                RelayHarness.ORIGIN,
                                "X-Forwarded-For",
                                "198.51.100.7, 10.0.0.9"))
                        .isEqualTo(429);
                assertThat(TestSocket.refusedStatus(
                                relay.port,
                                RelayHarness.newSessionId(),
                                RelayHarness.ORIGIN,
                                "X-Forwarded-For",
                                "198.51.100.8, 10.0.0.9"))
                        .isEqualTo(101);
            } finally {
                open.forEach(TestSocket::close);
            }
        }
    }

    @Test
    void badMessageAfterAttach_shouldBeAnswered_andTheShellKeepWorking() throws Exception {
        try (RelayHarness relay = new RelayHarness(Map.of());
                TestSocket socket = relay.openTerminal("acc-bad", target, false)) {
            socket.send("this is not JSON");
            socket.send("{\"type\":\"no-such-type\"}");
            socket.send("[1,2]");

            assertThat(socket.awaitMessage(
                            m -> m.path("code").asText().equals("BAD_MESSAGE")
                                    && m.path("message").asText().equals("messages are JSON objects"),
                            WAIT,
                            "BAD_MESSAGE"))
                    .isNotNull();
            socket.type("echo E$((5*5))E\r");
            assertThat(socket.awaitOutput("E25E", WAIT)).contains("E25E");
            assertThat(socket.messages().stream()
                            .filter(m -> m.path("code").asText().equals("BAD_MESSAGE")))
                    .hasSize(3);
            assertThat(socket.messages()).noneMatch(m -> m.path("type").asText().equals("exit"));
        }
    }

    @Test
    void badMessageBeforeAuth_shouldStillClose4400() throws Exception {
        try (RelayHarness relay = new RelayHarness(Map.of());
                TestSocket socket = TestSocket.open(relay.port, RelayHarness.newSessionId(), RelayHarness.ORIGIN)) {
            socket.send("this is not JSON");
            assertThat(socket.awaitClose(WAIT)).isEqualTo(4400);
        }
    }

    private static Socket connect(int port) throws Exception {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(LOOPBACK, port), 5_000);
        s.setSoTimeout((int) WAIT.toMillis());
        return s;
    }

    /** Everything the relay sends until it closes; fails if it keeps the socket open past {@link #WAIT}. */
    private static String readToEnd(Socket s) throws Exception {
        InputStream in = s.getInputStream();
        StringBuilder out = new StringBuilder();
        byte[] buf = new byte[4096];
        try {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                out.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the relay still held the socket after " + WAIT + "; got: " + out);
        } catch (java.net.SocketException reset) {
            // closed with unread bytes on our side: still closed
        }
        return out.toString();
    }
}
