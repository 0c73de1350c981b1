package dev.xanthus.core.server;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;

/**
 * A Xanthus server as the UI lists it: its provider's live state merged with its KV config. {@code status} uses Hetzner's
 * words ({@code running}, {@code off}, …; OCI states are mapped onto them) or {@code missing} when KV knows a server Hetzner no longer has.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ServerView(
        long id,
        String name,
        String status,
        String ipv4,
        String ipv6,
        String serverType,
        String location,
        String architecture,
        String createdAt,
        String timezone,
        BigDecimal hourlyRate,
        BigDecimal monthlyRate,
        BigDecimal costSoFar,
        int appCount,
        boolean configInKv,
        String provider) {

    public static final String HETZNER = "hetzner";
    public static final String OCI = "oci";
}
