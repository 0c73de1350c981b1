package dev.xanthus.core.dns;

import dev.xanthus.core.health.HealthCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Warns, from a year before, that the bundled Origin CA root expires (Cloudflare's current one on 2029-08-15), and
 * says when there is no root at all. Never {@code failing}: everything but configuring a domain works without it.
 */
public record OriginCaRootHealth(OriginCaRoot root, Clock clock) implements HealthCheck {

    static final Duration WARN_BEFORE = Duration.ofDays(365);

    @Override
    public String name() {
        return "origin_ca_root";
    }

    @Override
    public Result check() {
        return detail().isPresent() ? Result.WARNING : Result.OK;
    }

    @Override
    public Optional<String> detail() {
        Optional<String> missing = root.unavailableReason();
        if (missing.isPresent()) {
            return Optional.of("No Origin CA root (" + missing.get() + "): configuring a domain answers 503.");
        }
        Optional<Instant> notAfter = root.notAfter();
        Instant now = clock.instant();
        if (notAfter.isEmpty() || now.isBefore(notAfter.get().minus(WARN_BEFORE))) {
            return Optional.empty();
        }
        String when = notAfter.get().toString().substring(0, 10);
        return Optional.of(
                now.isAfter(notAfter.get())
                        ? "The bundled Origin CA root expired on " + when
                                + ": bundle Cloudflare's new origin_ca_rsa_root.pem."
                        : "The bundled Origin CA root expires on " + when
                                + ": bundle Cloudflare's new origin_ca_rsa_root.pem " + "before then.");
    }
}
