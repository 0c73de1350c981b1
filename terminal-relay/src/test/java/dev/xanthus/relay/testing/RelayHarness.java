package dev.xanthus.relay.testing;

import dev.xanthus.core.crypto.SecretBox;
import dev.xanthus.core.terminal.TerminalSessionRepository;
import dev.xanthus.core.terminal.TerminalTicket;
import dev.xanthus.core.terminal.TicketRepository;
import dev.xanthus.core.testing.LocalDynamo;
import dev.xanthus.relay.LocalRecordingStore;
import dev.xanthus.relay.RelayConfig;
import dev.xanthus.relay.TerminalRelay;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** A relay on a free loopback port over a fresh dynalite table, with tickets issued the way the API will. */
public final class RelayHarness implements AutoCloseable {

    public static final String ORIGIN = "http://127.0.0.1:8080";

    public final String table = LocalDynamo.newTable();
    public final SecretBox box;
    public final TicketRepository tickets;
    public final TerminalSessionRepository sessions;
    public final Path recordings;
    public final RelayConfig config;
    public final TerminalRelay relay;
    public final int port;

    public RelayHarness(Map<String, String> overrides) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        box = new SecretBox(key);
        tickets = new TicketRepository(LocalDynamo.client(), table, box, Clock.systemUTC());
        sessions = new TerminalSessionRepository(LocalDynamo.client(), table, Clock.systemUTC());
        try {
            recordings = Files.createTempDirectory("relay-recordings-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = new HashMap<>();
        env.put("RELAY_PORT", "0");
        env.put("RELAY_RESUME_GRACE", "PT5S");
        env.put("RELAY_STATE_FLUSH", "PT2S");
        env.put("RELAY_TERMINATE_POLL", "PT0.5S");
        env.put("RELAY_SHUTDOWN_GRACE", "PT5S");
        env.putAll(overrides);
        config = RelayConfig.from(env);
        relay = new TerminalRelay(config, tickets, sessions, new LocalRecordingStore(recordings));
        try {
            port = relay.start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String newSessionId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    public static TerminalTicket ticket(String sessionId, String account, SshTarget target, boolean record) {
        return new TerminalTicket(
                sessionId,
                account,
                "srv-" + sessionId.substring(0, 6),
                target.host(),
                target.port(),
                target.user(),
                target.privateKeyPem(),
                target.hostKeyFingerprint(),
                80,
                24,
                record,
                null);
    }

    /** Issues a ticket for a new session and returns {sessionId, ticket}. */
    public String[] issue(String account, SshTarget target, boolean record) {
        String id = newSessionId();
        return new String[] {id, tickets.issue(ticket(id, account, target, record))};
    }

    /** Issues a ticket that is already past its validity, as one issued 61 s ago would be. */
    public String[] issueExpired(String account, SshTarget target) {
        Clock past = Clock.fixed(
                Instant.now().minus(TicketRepository.TTL).minus(Duration.ofSeconds(1)),
                Clock.systemUTC().getZone());
        String id = newSessionId();
        return new String[] {
            id, new TicketRepository(LocalDynamo.client(), table, box, past).issue(ticket(id, account, target, false))
        };
    }

    /** Opens a socket, authenticates and waits for ready. */
    public TestSocket openTerminal(String account, SshTarget target, boolean binary) throws Exception {
        return openTerminal(account, target, binary, Duration.ofSeconds(20));
    }

    public TestSocket openTerminal(String account, SshTarget target, boolean binary, Duration wait) throws Exception {
        return authenticated(issue(account, target, false), binary, wait);
    }

    /** Opens a socket for an {@link #issue issued} {sessionId, ticket}, authenticates and waits for ready. */
    public TestSocket authenticated(String[] issued, boolean binary, Duration wait) throws Exception {
        TestSocket socket = TestSocket.open(port, issued[0], ORIGIN);
        socket.sendJson("type", "auth", "ticket", issued[1], "binary", binary);
        socket.awaitMessage("ready", wait);
        return socket;
    }

    @Override
    public void close() {
        relay.close();
    }
}
