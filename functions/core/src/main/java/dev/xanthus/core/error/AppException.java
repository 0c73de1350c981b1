package dev.xanthus.core.error;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A failure the user should hear about, with the HTTP status and the stable code the API answers with.
 * Messages are written for users: they never carry exception text, tokens or keys.
 */
public abstract sealed class AppException extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, Object> details;

    /** {@code status}: each kind of failure has one, fixed by its subclass. */
    protected AppException(int status, String code, String message, Map<String, Object> details, Throwable cause) {
        super(message, cause, false, false);
        this.status = status;
        this.code = code;
        this.details = details == null ? Map.of() : Map.copyOf(details);
    }

    public final int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** How long to wait before trying again (the Retry-After header), where that is known. */
    public Optional<Duration> retryAfter() {
        return Optional.empty();
    }

    /** Whether this failure was logged where it was detected, so the API need not log it again per request. */
    public boolean reported() {
        return false;
    }

    /** Extra machine-readable context (field names, the failed step, …); safe to show to the user. */
    public Map<String, Object> details() {
        return details;
    }

    public static BadRequest badRequest(String code, String message) {
        return new BadRequest(code, message, Map.of());
    }

    public static NotFound notFound(String code, String message) {
        return new NotFound(code, message);
    }

    public static Conflict conflict(String code, String message) {
        return new Conflict(code, message, Map.of());
    }

    public static Unauthorized unauthorized(String code, String message) {
        return new Unauthorized(code, message);
    }

    /** 400: the request is malformed or a value is invalid. */
    public static final class BadRequest extends AppException {
        public BadRequest(String code, String message, Map<String, Object> details) {
            super(400, code, message, details, null);
        }
    }

    /** 401: no valid credentials. */
    public static final class Unauthorized extends AppException {
        public Unauthorized(String code, String message) {
            super(401, code, message, Map.of(), null);
        }
    }

    /** 403: authenticated, but not allowed. */
    public static final class Forbidden extends AppException {
        public Forbidden(String code, String message) {
            super(403, code, message, Map.of(), null);
        }

        public Forbidden(String code, String message, Map<String, Object> details) {
            super(403, code, message, details, null);
        }
    }

    /** 404. */
    public static final class NotFound extends AppException {
        public NotFound(String code, String message) {
            super(404, code, message, Map.of(), null);
        }
    }

    /** 409: the request clashes with existing state. */
    public static final class Conflict extends AppException {
        public Conflict(String code, String message, Map<String, Object> details) {
            super(409, code, message, details, null);
        }
    }

    /** 413. */
    public static final class PayloadTooLarge extends AppException {
        public PayloadTooLarge(long limitBytes) {
            super(
                    413,
                    "PAYLOAD_TOO_LARGE",
                    "The request body is larger than " + limitBytes / 1024 + " KiB.",
                    Map.of(),
                    null);
        }
    }

    /** 422: well-formed, but a business rule says no. */
    public static final class Unprocessable extends AppException {
        public Unprocessable(String code, String message, Map<String, Object> details) {
            super(422, code, message, details, null);
        }
    }

    /** 429, with the advised wait. */
    public static final class TooManyRequests extends AppException {
        private final Duration retryAfter;

        public TooManyRequests(String code, String message, Duration retryAfter) {
            super(429, code, message, Map.of(), null);
            this.retryAfter = retryAfter;
        }

        @Override
        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }
    }

    /** 502: a provider (Cloudflare, Hetzner, a server over SSH) failed or answered unexpectedly. */
    public static final class Upstream extends AppException {
        public Upstream(String code, String message, Map<String, Object> details, Throwable cause) {
            super(502, code, message, details, cause);
        }
    }

    /** 503: a dependency of ours is down. */
    public static final class Unavailable extends AppException {
        private final Duration retryAfter;
        private final boolean reported;

        public Unavailable(String code, String message, Throwable cause) {
            this(code, message, cause, null, false);
        }

        private Unavailable(String code, String message, Throwable cause, Duration retryAfter, boolean reported) {
            super(503, code, message, Map.of(), cause);
            this.retryAfter = retryAfter;
            this.reported = reported;
        }

        /** An outage whose start its detector has logged once; each request it fails adds no line of its own. */
        public static Unavailable reported(String code, String message, Duration retryAfter) {
            return new Unavailable(code, message, null, retryAfter, true);
        }

        @Override
        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }

        @Override
        public boolean reported() {
            return reported;
        }
    }
}
