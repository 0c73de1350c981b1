package dev.xanthus.sandbox.http;

import java.time.Duration;

/**
 * Misbehaviour to inject on a route: an added delay, then either the normal answer, an error status with a body,
 * the provider's own rate-limit answer, a dropped connection (the socket closes with no response), or a lost
 * response (the request is carried out, then the socket closes: what a timeout after a create looks like).
 */
public record Fault(Kind kind, Duration latency, int status, String body, long retryAfterSeconds) {

    /** What happens after the latency. */
    public enum Kind {
        LATENCY,
        STATUS,
        RATE_LIMIT,
        DROP,
        LOST_RESPONSE
    }

    public Fault {
        latency = latency == null ? Duration.ZERO : latency;
    }

    public static Fault latency(Duration latency) {
        return new Fault(Kind.LATENCY, latency, 0, null, 0);
    }

    /** Answers {@code status} with {@code jsonBody} (sent as {@code application/json}). */
    public static Fault status(int status, String jsonBody) {
        return new Fault(Kind.STATUS, Duration.ZERO, status, jsonBody, 0);
    }

    /** Answers 429 the way the simulated provider does, advising a wait of {@code retryAfterSeconds}. */
    public static Fault rateLimited(long retryAfterSeconds) {
        return new Fault(Kind.RATE_LIMIT, Duration.ZERO, 429, null, retryAfterSeconds);
    }

    public static Fault drop() {
        return new Fault(Kind.DROP, Duration.ZERO, 0, null, 0);
    }

    /** The request is handled (a create creates), then the connection closes without the answer. */
    public static Fault lostResponse() {
        return new Fault(Kind.LOST_RESPONSE, Duration.ZERO, 0, null, 0);
    }

    public Fault withLatency(Duration added) {
        return new Fault(kind, added, status, body, retryAfterSeconds);
    }
}
