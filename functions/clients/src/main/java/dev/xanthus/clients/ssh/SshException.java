package dev.xanthus.clients.ssh;

/** An SSH failure, by kind; the message names the host and never carries key material. */
public final class SshException extends RuntimeException {

    /** What went wrong, for the caller to map. */
    public enum Kind {
        /** Nothing answered (refused, unroutable, timed out while connecting). */
        UNREACHABLE,
        /** The server presented a host key other than the pinned one. */
        HOST_KEY_MISMATCH,
        /** The server refused our key. */
        AUTH_FAILED,
        /** A command did not finish in time. */
        TIMEOUT,
        /** Anything else on the wire. */
        FAILED
    }

    private final Kind kind;

    public SshException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
