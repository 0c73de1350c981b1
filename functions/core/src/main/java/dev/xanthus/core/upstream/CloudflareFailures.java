package dev.xanthus.core.upstream;

import dev.xanthus.clients.cloudflare.CloudflareException;
import dev.xanthus.core.error.AppException;
import java.time.Duration;
import java.util.Map;

/**
 * The one translation of a failed Cloudflare call into the API's error, for sign-in, KV, servers, apps and domains.
 * Every message names Cloudflare and what happened — a host that cannot be reached and why, the permission a 403
 * lacked, when to retry after a 429, Cloudflare's own 5xx — because "try again shortly" is wrong advice for most of
 * them. Never Cloudflare's raw text or an exception message.
 */
public final class CloudflareFailures {

    /** Used when Cloudflare's 429 came without a usable {@code Retry-After}. */
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

    static final Provider PROVIDER = new Provider("CLOUDFLARE", "Cloudflare");

    private CloudflareFailures() {}

    /** A call made with a signed-in session's token: a rejected token means that session is over. */
    public static AppException of(CloudflareException e) {
        if (e.kind() == CloudflareException.Kind.UNAUTHORIZED) {
            return AppException.unauthorized(
                    "CLOUDFLARE_TOKEN_REVOKED",
                    "Cloudflare no longer accepts the token this session was opened with (revoked or expired). Sign in again.");
        }
        return notAboutTheToken(e);
    }

    /** Any failure but a rejected token (sign-in answers that one in its own words). */
    public static AppException notAboutTheToken(CloudflareException e) {
        return switch (e.kind()) {
            case FORBIDDEN ->
                e.permission()
                        .<AppException>map(permission -> new AppException.Forbidden(
                                "INSUFFICIENT_PERMISSIONS",
                                "The Cloudflare token lacks the permission " + permission
                                        + ". Add it to the token in the Cloudflare "
                                        + "dashboard (My Profile → API Tokens), then try again.",
                                Map.<String, Object>of("permission", permission)))
                        .orElseGet(() -> new AppException.Forbidden(
                                "INSUFFICIENT_PERMISSIONS",
                                "The Cloudflare token lacks a permission this needs.",
                                Map.of()));
            case RATE_LIMITED -> rateLimited(e);
            case TRANSPORT -> PROVIDER.unreachable(e.transportReason(), e);
            case UNAVAILABLE ->
                new AppException.Upstream(
                        "CLOUDFLARE_UNAVAILABLE",
                        "Cloudflare answered HTTP " + e.status()
                                + " (a failure on Cloudflare's side); try again shortly.",
                        Map.of(),
                        e);
            default ->
                new AppException.Upstream(
                        "CLOUDFLARE_UNAVAILABLE",
                        "Cloudflare refused a call Xanthus made (HTTP " + e.status()
                                + "); try again shortly, and report it if it keeps happening.",
                        Map.of(),
                        e);
        };
    }

    /** 429 with {@code Retry-After}, as a Hetzner or OCI limit answers, so the browser waits instead of failing. */
    static AppException.TooManyRequests rateLimited(CloudflareException e) {
        Duration wait = e.retryAfter().filter(d -> d.toSeconds() >= 1).orElse(DEFAULT_WAIT);
        return new AppException.TooManyRequests(
                "CLOUDFLARE_RATE_LIMITED",
                "Cloudflare is rate limiting this token " + "(1,200 requests per 5 minutes); try again in "
                        + wait.toSeconds() + " s.",
                wait);
    }

    /** The permissions a domain's configuration needs, for messages about a refused step. */
    static final String ZONE_PERMISSIONS = "The token needs Zone · Zone: Read, DNS: Edit, Zone Settings: Edit, "
            + "SSL and Certificates: Edit and Page Rules: Edit, and Account · Workers KV Storage: Edit.";

    /** A short, safe description of what Cloudflare answered, for messages naming a failed step. */
    public static String describe(CloudflareException e) {
        return switch (e.kind()) {
            case UNAUTHORIZED -> "Cloudflare rejected the token";
            case FORBIDDEN -> "the token lacks a permission (" + ZONE_PERMISSIONS + ")";
            case RATE_LIMITED -> "Cloudflare is rate limiting this account";
            case TRANSPORT -> "Cloudflare did not answer (" + e.transportReason() + ")";
            case NOT_FOUND -> "Cloudflare answered 404";
            case UNAVAILABLE, REJECTED ->
                "Cloudflare answered HTTP " + e.status()
                        + e.errors().stream()
                                .findFirst()
                                .map(err -> " (" + err.code() + ")")
                                .orElse("");
        };
    }
}
