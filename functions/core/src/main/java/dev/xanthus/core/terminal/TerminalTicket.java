package dev.xanthus.core.terminal;

import java.time.Instant;

/**
 * What the relay needs to open one terminal: who, which server, how to reach and trust it, the key to log in with and
 * the first terminal size. {@code expiresAt} is set by {@link TicketRepository#issue}; pass null when issuing.
 */
public record TerminalTicket(
        String sessionId,
        String accountId,
        String serverId,
        String host,
        int port,
        String user,
        String privateKeyPem,
        String hostKeyFingerprint,
        int cols,
        int rows,
        boolean record,
        Instant expiresAt) {

    public TerminalTicket {
        requireText(sessionId, "sessionId");
        requireText(accountId, "accountId");
        requireText(serverId, "serverId");
        requireText(host, "host");
        requireText(user, "user");
        requireText(privateKeyPem, "privateKeyPem");
        if (hostKeyFingerprint == null || !hostKeyFingerprint.startsWith("SHA256:")) {
            throw new IllegalArgumentException("hostKeyFingerprint must be an OpenSSH SHA256: fingerprint");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port out of range");
        }
        if (cols < 1 || cols > 1_000 || rows < 1 || rows > 1_000) {
            throw new IllegalArgumentException("terminal size out of range");
        }
    }

    public TerminalTicket withExpiresAt(Instant at) {
        return new TerminalTicket(
                sessionId,
                accountId,
                serverId,
                host,
                port,
                user,
                privateKeyPem,
                hostKeyFingerprint,
                cols,
                rows,
                record,
                at);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    @Override
    public String toString() {
        return "TerminalTicket[session=" + sessionId + ", account=" + accountId + ", server=" + serverId + ", " + user
                + "@"
                + host + ":" + port + ", hostKey=" + hostKeyFingerprint + ", " + cols + "x" + rows + ", record="
                + record
                + ", expiresAt=" + expiresAt + ", privateKey=redacted]";
    }
}
