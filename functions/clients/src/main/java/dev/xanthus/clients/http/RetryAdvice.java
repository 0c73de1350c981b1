package dev.xanthus.clients.http;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads how long a provider asks us to wait before trying again, from the headers of a 429 or 5xx answer. */
@FunctionalInterface
public interface RetryAdvice {

    Optional<Duration> delay(HttpHeaders headers, Instant now);

    /** {@code Retry-After}: delta seconds or an HTTP-date (RFC 9110); Cloudflare sends it with 429. */
    static RetryAdvice retryAfter() {
        return (headers, now) -> headers.firstValue("Retry-After").flatMap(value -> parseRetryAfter(value.trim(), now));
    }

    /**
     * {@code RateLimit-Reset}: the epoch second at which the bucket is full again; Hetzner sends it on every answer. It
     * is advice only while the bucket is empty ({@code RateLimit-Remaining: 0} or absent): a 5xx with requests left
     * would otherwise wait for a full bucket, often longer than the policy allows, and not be retried at all.
     */
    static RetryAdvice rateLimitReset() {
        return (headers, now) -> {
            boolean requestsLeft = headers.firstValue("RateLimit-Remaining")
                    .filter(left -> !left.trim().equals("0"))
                    .isPresent();
            if (requestsLeft) {
                return Optional.empty();
            }
            return headers.firstValue("RateLimit-Reset").flatMap(value -> {
                try {
                    Duration wait = Duration.between(now, Instant.ofEpochSecond(Long.parseLong(value.trim())));
                    return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            });
        };
    }

    private static Optional<Duration> parseRetryAfter(String value, Instant now) {
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration wait = Duration.between(now, at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
