package dev.xanthus.core.terminal;

import java.time.Instant;

/** The state of one terminal session as the relay reports it and the API shows it. */
public record TerminalSession(
        String sessionId,
        String accountId,
        String serverId,
        State state,
        Instant startedAt,
        Instant lastActivityAt,
        long bytesIn,
        long bytesOut,
        boolean recordingAvailable,
        boolean terminateRequested) {

    /** LIVE while the relay holds the SSH session (attached or waiting for a resume), TERMINATED afterwards. */
    public enum State {
        LIVE,
        TERMINATED
    }

    public static TerminalSession starting(String sessionId, String accountId, String serverId, Instant now) {
        return new TerminalSession(sessionId, accountId, serverId, State.LIVE, now, now, 0, 0, false, false);
    }
}
