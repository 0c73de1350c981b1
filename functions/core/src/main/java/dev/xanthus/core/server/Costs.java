package dev.xanthus.core.server;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;

/**
 * What a server has cost since it was created. Hetzner bills started hours up to the monthly price per month, so
 * every full 730-hour month costs at most the monthly price (the Go program multiplied hours by the hourly rate
 * without that cap).
 */
final class Costs {

    static final long HOURS_PER_MONTH = 730;

    private Costs() {}

    static BigDecimal soFar(Instant created, Instant now, BigDecimal hourly, BigDecimal monthly) {
        if (created == null || hourly == null || monthly == null || now.isBefore(created)) {
            return BigDecimal.ZERO;
        }
        long minutes = Duration.between(created, now).toMinutes();
        long hours = Math.max(1, (minutes + 59) / 60);
        long fullMonths = hours / HOURS_PER_MONTH;
        BigDecimal rest =
                hourly.multiply(BigDecimal.valueOf(hours % HOURS_PER_MONTH)).min(monthly);
        return monthly.multiply(BigDecimal.valueOf(fullMonths))
                .add(rest)
                .setScale(4, RoundingMode.HALF_UP)
                .stripTrailingZeros();
    }
}
