package dev.xanthus.core.terminal;

import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.server.ServerAccess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Terminal sessions as the API sees them: opening one looks the server up in KV (the browser never names a host or
 * a key), pins its host key if needed, and writes a single-use ticket the relay redeems; listing and ending read and
 * flag the session state the relays keep in DynamoDB.
 */
public final class TerminalService {

    private static final Pattern SESSION_ID = Pattern.compile("[a-f0-9-]{36}");

    private final ServerAccess servers;
    private final TicketRepository tickets;
    private final TerminalSessionRepository sessions;
    private final String relayBaseUrl;
    private final int liveLimit;
    private final Optional<Path> recordings;
    private final Clock clock;

    /**
     * @param relayBaseUrl where browsers reach the relay, e.g. {@code wss://example.com/ws} or {@code ws://127.0.0.1:8081/ws}
     * @param recordings the folder the relay writes recordings to, when this process can read it
     */
    public TerminalService(
            ServerAccess servers,
            TicketRepository tickets,
            TerminalSessionRepository sessions,
            String relayBaseUrl,
            int liveLimit,
            Optional<Path> recordings,
            Clock clock) {
        this.servers = servers;
        this.tickets = tickets;
        this.sessions = sessions;
        this.relayBaseUrl = relayBaseUrl.replaceAll("/+$", "");
        this.liveLimit = liveLimit;
        this.recordings = recordings;
        this.clock = clock;
    }

    /** What the browser needs to connect: the ticket is shown once and is good for one connection within 60 s. */
    public record Opened(String sessionId, String relayUrl, String ticket, Instant expiresAt) {
        @Override
        public String toString() {
            return "Opened[" + sessionId + "]";
        }
    }

    public Opened open(Principal principal, long vpsId, int cols, int rows, boolean record) {
        if (cols < 10 || cols > 500 || rows < 5 || rows > 300) {
            throw AppException.badRequest("INVALID_TERMINAL_SIZE", "cols must be 10–500 and rows 5–300.");
        }
        if (sessions.countLive(principal.accountId()) >= liveLimit) {
            throw new AppException.TooManyRequests(
                    "TOO_MANY_TERMINALS",
                    "You have " + liveLimit + " terminals open; close one first.",
                    Duration.ofSeconds(5));
        }
        ServerAccess.TerminalTarget target = servers.terminalTarget(principal, vpsId);
        String sessionId = UUID.randomUUID().toString();
        String ticket = tickets.issue(new TerminalTicket(
                sessionId,
                principal.accountId(),
                Long.toString(vpsId),
                target.host(),
                target.port(),
                target.user(),
                target.privateKeyPem(),
                target.hostKeyFingerprint(),
                cols,
                rows,
                record,
                null));
        return new Opened(
                sessionId,
                relayBaseUrl + "/terminal/" + sessionId,
                ticket,
                clock.instant().plus(TicketRepository.TTL));
    }

    public List<TerminalSession> list(Principal principal) {
        return sessions.list(principal.accountId());
    }

    /** Asks the relay holding the session to end it; it does within a few seconds. */
    public void end(Principal principal, String sessionId) {
        requireSession(principal, sessionId);
        sessions.requestTerminate(principal.accountId(), sessionId);
    }

    /** The session's asciicast v2 recording. */
    public byte[] recording(Principal principal, String sessionId) {
        requireSession(principal, sessionId);
        Path file = recordings
                .map(dir -> dir.resolve(principal.accountId()).resolve(sessionId + ".cast"))
                .filter(Files::isRegularFile)
                .orElseThrow(() -> AppException.notFound("RECORDING_NOT_FOUND", "This session has no recording."));
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TerminalSession requireSession(Principal principal, String sessionId) {
        if (sessionId == null || !SESSION_ID.matcher(sessionId).matches()) {
            throw AppException.badRequest("INVALID_SESSION_ID", "A terminal session id is a UUID.");
        }
        return sessions.find(principal.accountId(), sessionId)
                .orElseThrow(() ->
                        AppException.notFound("TERMINAL_SESSION_NOT_FOUND", "There is no such terminal session."));
    }
}
