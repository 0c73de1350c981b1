package dev.xanthus.clients.hetzner;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A server plan such as {@code cx23}: its capacity, its prices per location, and where it can be created
 * ({@code locations}; Hetzner's only source for that since it removed {@code /datacenters} in 2026).
 * {@code deprecated}/{@code deprecation} at the top are Hetzner's older, type-wide flags; the per-location ones win.
 */
public record ServerType(
        long id,
        String name,
        String description,
        double cores,
        double memory,
        double disk,
        boolean deprecated,
        Deprecation deprecation,
        List<Price> prices,
        String storageType,
        String cpuType,
        String architecture,
        List<LocationOffer> locations) {

    /** When Hetzner announced a deprecation, and after when the type can no longer be created. */
    public record Deprecation(Instant announced, Instant unavailableAfter) {}

    /**
     * The type in one location: {@code available} false while it is temporarily sold out there, {@code deprecation} set
     * when it is being phased out there.
     */
    public record LocationOffer(
            long id, String name, Boolean available, Boolean recommended, Deprecation deprecation) {}

    /** This type's entry for {@code location}, or empty when Hetzner does not sell it there at all. */
    public Optional<LocationOffer> offerIn(String location) {
        return locations == null
                ? Optional.empty()
                : locations.stream().filter(l -> location.equals(l.name())).findFirst();
    }

    /** Deprecated in {@code location} (or type-wide): Xanthus never creates such a server. */
    public Optional<Deprecation> deprecationIn(String location) {
        Optional<Deprecation> local = offerIn(location).map(LocationOffer::deprecation);
        if (local.isPresent()) {
            return local;
        }
        return deprecation != null
                ? Optional.of(deprecation)
                : deprecated ? Optional.of(new Deprecation(null, null)) : Optional.empty();
    }
}
