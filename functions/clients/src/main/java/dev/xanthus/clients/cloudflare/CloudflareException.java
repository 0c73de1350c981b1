package dev.xanthus.clients.cloudflare;

import dev.xanthus.clients.http.TransportException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Cloudflare call that did not succeed: the HTTP status (0 when no answer came), Cloudflare's errors and a
 * {@link Kind} to act on. The message names the operation by its path template and never holds a token.
 */
public final class CloudflareException extends RuntimeException {

    /** What went wrong, coarsely, for the caller to decide what to do. */
    public enum Kind {
        /** The token is missing, malformed, wrong, revoked or expired (401, or Cloudflare's token error codes). */
        UNAUTHORIZED,
        /** The token is valid but may not do this (403 for another reason). */
        FORBIDDEN,
        NOT_FOUND,
        /** 429; see {@link #retryAfter()}. */
        RATE_LIMITED,
        /** 5xx from Cloudflare. */
        UNAVAILABLE,
        /** No answer: connection refused, reset or timed out. */
        TRANSPORT,
        /** Any other refusal, typically 400 with a validation error. */
        REJECTED
    }

    /** Path fragment → permission, most specific first (every zone path starts with /zones). */
    private static final Map<String, String> PERMISSIONS = linked(
            "/storage/kv", "Account · Workers KV Storage: Edit",
            "/dns_records", "Zone · DNS: Edit",
            "/settings/", "Zone · Zone Settings: Edit",
            "/certificates", "Zone · SSL and Certificates: Edit",
            "/pagerules", "Zone · Page Rules: Edit",
            "/zones", "Zone · Zone: Read",
            "/memberships", "Account · Account Settings: Read",
            "/accounts", "Account · Account Settings: Read",
            "/user", "User · User Details: Read");

    /**
     * Codes Cloudflare uses for a missing, malformed or invalid credential, whatever the HTTP status. Not 10000
     * ("Authentication error"): with 401 it is a bad token (the status says so), but with 403 it is how Cloudflare
     * answers a valid token that lacks a permission — taking it for a revoked token sent users to sign in again in a
     * loop. See functions/sandbox/contracts/cloudflare/errors.md.
     */
    private static final Set<Integer> TOKEN_ERROR_CODES = Set.of(1000, 1001, 6003, 6111, 9106, 9109);

    private final String operation;
    private final Kind kind;
    private final int status;
    private final List<CloudflareError> errors;
    private final Duration retryAfter;

    private CloudflareException(
            String operation,
            Kind kind,
            int status,
            List<CloudflareError> errors,
            Duration retryAfter,
            Throwable cause) {
        super(message(operation, status, errors), cause);
        this.operation = operation;
        this.kind = kind;
        this.status = status;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    /** From an HTTP answer that was not a success. */
    static CloudflareException fromResponse(
            String operation, int status, List<CloudflareError> errors, Duration retryAfter) {
        return new CloudflareException(operation, classify(status, errors), status, errors, retryAfter, null);
    }

    /** A bulk write or delete that Cloudflare answered with keys still to retry: not all of it is done. */
    static CloudflareException incomplete(String operation, int unsuccessfulKeys) {
        return new CloudflareException(
                operation,
                Kind.UNAVAILABLE,
                200,
                List.of(new CloudflareError(0, unsuccessfulKeys + " keys not done; retry them", List.of())),
                null,
                null);
    }

    static CloudflareException transport(String operation, Throwable cause) {
        return new CloudflareException(operation, Kind.TRANSPORT, 0, List.of(), null, cause);
    }

    public Kind kind() {
        return kind;
    }

    /** E.g. {@code cannot reach api.cloudflare.com: the connection was refused}; for {@link Kind#TRANSPORT}. */
    public String transportReason() {
        return getCause() instanceof TransportException t ? t.reason() : "cannot reach Cloudflare";
    }

    /**
     * The token permission the failed call needs, as the Cloudflare dashboard names it, read from the operation's path:
     * what a 403 asks the user to add.
     */
    public Optional<String> permission() {
        return PERMISSIONS.entrySet().stream()
                .filter(p -> operation.contains(p.getKey()))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    /** The HTTP status, or 0 when Cloudflare never answered. */
    public int status() {
        return status;
    }

    public List<CloudflareError> errors() {
        return errors;
    }

    /** Every error code, nested ones included. */
    public Set<Integer> codes() {
        return allErrors(errors).map(CloudflareError::code).collect(Collectors.toSet());
    }

    /** The wait Cloudflare advised with a 429. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    private static Map<String, String> linked(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static Kind classify(int status, List<CloudflareError> errors) {
        if (status == 401 || allErrors(errors).anyMatch(e -> TOKEN_ERROR_CODES.contains(e.code()))) {
            return Kind.UNAUTHORIZED;
        }
        if (status == 403) {
            return Kind.FORBIDDEN;
        }
        if (status == 404) {
            return Kind.NOT_FOUND;
        }
        if (status == 429) {
            return Kind.RATE_LIMITED;
        }
        return status >= 500 ? Kind.UNAVAILABLE : Kind.REJECTED;
    }

    private static Stream<CloudflareError> allErrors(List<CloudflareError> errors) {
        return errors.stream().flatMap(e -> Stream.concat(Stream.of(e), allErrors(e.errorChain())));
    }

    private static String message(String operation, int status, List<CloudflareError> errors) {
        String answer = status == 0 ? "no answer" : "HTTP " + status;
        String details = errors.stream().map(e -> e.code() + " " + e.message()).collect(Collectors.joining("; "));
        return "Cloudflare " + operation + " failed: " + answer + (details.isEmpty() ? "" : " (" + details + ")");
    }
}
