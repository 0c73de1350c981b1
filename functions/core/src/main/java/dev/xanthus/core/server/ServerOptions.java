package dev.xanthus.core.server;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.util.List;

/**
 * What a new server can be: the locations, the server types that can be created in the chosen one with its prices
 * ({@code serverTypes}), and those Hetzner lists there but that cannot or must not be created — deprecated, or sold
 * out for now ({@code unavailableTypes}) — so the wizard can show them as such instead of silently hiding them.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ServerOptions(
        List<LocationOption> locations,
        String location,
        List<TypeOption> serverTypes,
        List<TypeOption> unavailableTypes) {

    /** Why a listed type cannot be created. */
    public static final String DEPRECATED = "deprecated";

    public static final String UNAVAILABLE = "unavailable";

    /** A Hetzner location. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record LocationOption(String name, String description, String city, String country, String networkZone) {}

    /**
     * A server type as offered in one location. Prices are gross EUR (null when Hetzner has none there);
     * {@code hourlyTotal}/{@code monthlyTotal} add the primary IPv4 every server gets. {@code available} is false for
     * the {@code unavailableTypes}, with {@code reason} {@link #DEPRECATED} (and {@code unavailableAfter}, when Hetzner
     * stops or stopped selling it) or {@link #UNAVAILABLE}.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TypeOption(
            String name,
            String description,
            double cores,
            double memoryGb,
            double diskGb,
            String architecture,
            String cpuType,
            BigDecimal hourlyGross,
            BigDecimal monthlyGross,
            BigDecimal ipv4Hourly,
            BigDecimal ipv4Monthly,
            BigDecimal hourlyTotal,
            BigDecimal monthlyTotal,
            boolean available,
            boolean deprecated,
            String unavailableAfter,
            String reason) {}
}
