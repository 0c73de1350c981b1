package dev.xanthus.core.upstream;

import dev.xanthus.clients.hetzner.HetznerException;
import dev.xanthus.clients.http.TransportException;
import dev.xanthus.core.error.AppException;
import java.time.Duration;
import java.util.Map;

/**
 * The one translation of a failed Hetzner call into the API's error. A rejected or read-only key is the user's to fix
 * in the settings; a removed endpoint is ours (a 502 naming it); Hetzner's own words are shown only where they are
 * about the user's input.
 */
public final class HetznerFailures {

    private HetznerFailures() {}

    /** Who answered (or did not): for the messages every provider shares. */
    static final Provider PROVIDER = new Provider("HETZNER", "Hetzner");

    public static AppException unreachable(TransportException e) {
        return PROVIDER.unreachable(e.reason(), e);
    }

    public static AppException of(HetznerException e) {
        if (e.is(HetznerException.TOKEN_READONLY)) {
            return new AppException.Forbidden(
                    "HETZNER_KEY_READ_ONLY",
                    "The stored Hetzner API key is read-only; Xanthus needs a Read & Write key (Hetzner Console → Security → "
                            + "API tokens). Enter one in the settings.");
        }
        if (e.status() == 410 || e.is(HetznerException.DEPRECATED_API_ENDPOINT)) {
            return removed(e);
        }
        if (e.status() == 401 || e.is(HetznerException.UNAUTHORIZED)) {
            return AppException.conflict(
                    "HETZNER_KEY_REJECTED",
                    "Hetzner no longer accepts the stored API key (revoked or deleted). Enter a valid key in the settings.");
        }
        if (e.status() == 403) {
            return new AppException.Forbidden(
                    "HETZNER_FORBIDDEN",
                    "The Hetzner API key may not do this; it needs Read & Write permission. Hetzner said: "
                            + e.getMessage());
        }
        if (e.status() == 429 || e.is(HetznerException.RATE_LIMIT_EXCEEDED)) {
            return new AppException.TooManyRequests(
                    "HETZNER_RATE_LIMITED",
                    "Hetzner is rate limiting this project; try again in a minute.",
                    Duration.ofSeconds(60));
        }
        if (e.status() == 404 || e.is(HetznerException.NOT_FOUND)) {
            return AppException.notFound("HETZNER_NOT_FOUND", "Hetzner has no such resource.");
        }
        if (e.is(HetznerException.UNIQUENESS_ERROR)) {
            return new AppException.Conflict("NAME_TAKEN", "Hetzner says: " + message(e), Map.of());
        }
        if (e.status() == 412 || e.is(HetznerException.RESOURCE_UNAVAILABLE)) {
            // e.g. the type sold out between our check and the create: nothing was created
            return new AppException.Conflict(
                    "SERVER_TYPE_UNAVAILABLE",
                    "Hetzner cannot provide this now: " + message(e),
                    Map.of("field", "serverType"));
        }
        if (e.is(HetznerException.INVALID_INPUT)) {
            return new AppException.Unprocessable(
                    "HETZNER_REJECTED",
                    "Hetzner refused the request: " + message(e),
                    Map.of("fields", e.fieldErrors()));
        }
        if (e.status() >= 400 && e.status() < 500 && e.status() != 404) {
            return new AppException.Unprocessable(
                    "HETZNER_REJECTED", "Hetzner refused the request: " + message(e), Map.of());
        }
        return new AppException.Upstream(
                "HETZNER_UNAVAILABLE", "Hetzner did not answer as expected; try again shortly.", Map.of(), e);
    }

    /**
     * A removed endpoint is a Xanthus bug the user cannot fix: a 502 whose message alone says which call to replace and
     * where Hetzner announced it.
     */
    private static AppException removed(HetznerException e) {
        String endpoint = e.endpoint() == null ? "an endpoint Xanthus uses" : e.endpoint();
        Object announcement = e.details().get("announcement");
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("endpoint", endpoint);
        if (announcement != null) {
            details.put("announcement", String.valueOf(announcement));
        }
        return new AppException.Upstream(
                "HETZNER_API_REMOVED",
                "Hetzner removed " + endpoint + " (" + e.code() + ": "
                        + message(e) + (announcement == null ? "" : "; see " + announcement)
                        + "). This Xanthus version "
                        + "needs an update.",
                details,
                e);
    }

    /** Hetzner's own words, without our prefix: they are about the user's input and safe to show. */
    public static String message(HetznerException e) {
        String full = e.getMessage();
        int colon = full.indexOf(": ");
        return colon < 0 ? full : full.substring(colon + 2);
    }
}
