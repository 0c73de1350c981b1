package dev.xanthus.core.server;

import dev.xanthus.clients.hetzner.HetznerClient;
import dev.xanthus.clients.hetzner.Location;
import dev.xanthus.clients.hetzner.Price;
import dev.xanthus.clients.hetzner.Pricing;
import dev.xanthus.clients.hetzner.ServerType;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.upstream.Upstreams;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Locations, server types and prices, read live from Hetzner (three calls side by side). Where a type can be created
 * comes from the type's own {@code locations[]} (Hetzner removed {@code /datacenters} in 2026); prices are those of
 * the chosen location, never of whichever location Hetzner lists first.
 */
public final class ServerCatalog {

    private static final Set<String> SORTS =
            Set.of("price_asc", "price_desc", "cpu_asc", "cpu_desc", "memory_asc", "memory_desc");
    private static final Set<String> ARCHITECTURES = Set.of("x86", "arm");
    private static final Set<String> CPU_TYPES = Set.of("shared", "dedicated");

    /** The live lists one request works from. */
    record Snapshot(List<Location> locations, List<ServerType> types, Pricing pricing) {

        static Snapshot load(HetznerClient hetzner) {
            CompletableFuture<List<Location>> locations =
                    Upstreams.async(() -> Upstreams.hetzner(hetzner::listLocations));
            CompletableFuture<List<ServerType>> types =
                    Upstreams.async(() -> Upstreams.hetzner(hetzner::listServerTypes));
            Pricing pricing = Upstreams.hetzner(hetzner::getPricing);
            return new Snapshot(Upstreams.join(locations), Upstreams.join(types), pricing);
        }

        Optional<Location> location(String name) {
            return locations.stream().filter(l -> l.name().equals(name)).findFirst();
        }

        Optional<ServerType> type(String name) {
            return types.stream().filter(t -> t.name().equals(name)).findFirst();
        }

        /**
         * The type as {@code location} offers it: empty when Hetzner does not sell it there at all; otherwise with
         * {@code available} false when it is deprecated there (Xanthus never creates those, even before Hetzner's
         * {@code unavailable_after}) or sold out for now, or when Hetzner has no price for it there.
         */
        Optional<ServerOptions.TypeOption> offer(ServerType type, String location) {
            Optional<ServerType.LocationOffer> where = type.offerIn(location);
            if (where.isEmpty()) {
                return Optional.empty();
            }
            Optional<ServerType.Deprecation> deprecation = type.deprecationIn(location);
            Optional<Price> price = type.prices() == null
                    ? Optional.empty()
                    : type.prices().stream()
                            .filter(p -> location.equals(p.location()))
                            .filter(p -> p.priceHourly() != null && p.priceMonthly() != null)
                            .findFirst();
            boolean soldOut = Boolean.FALSE.equals(where.get().available()) || price.isEmpty();
            String reason =
                    deprecation.isPresent() ? ServerOptions.DEPRECATED : soldOut ? ServerOptions.UNAVAILABLE : null;
            String unavailableAfter = deprecation
                    .map(ServerType.Deprecation::unavailableAfter)
                    .map(Object::toString)
                    .orElse(null);
            Optional<Price> ipv4 = pricing == null || pricing.primaryIps() == null
                    ? Optional.empty()
                    : pricing.primaryIps().stream()
                            .filter(p -> "ipv4".equals(p.type()))
                            .flatMap(p -> p.prices().stream())
                            .filter(p -> location.equals(p.location()))
                            .findFirst();
            BigDecimal hourly = price.map(p -> p.priceHourly().gross()).orElse(null);
            BigDecimal monthly = price.map(p -> p.priceMonthly().gross()).orElse(null);
            BigDecimal ipHourly = ipv4.map(p -> p.priceHourly().gross()).orElse(BigDecimal.ZERO);
            BigDecimal ipMonthly = ipv4.map(p -> p.priceMonthly().gross()).orElse(BigDecimal.ZERO);
            return Optional.of(new ServerOptions.TypeOption(
                    type.name(),
                    type.description(),
                    type.cores(),
                    type.memory(),
                    type.disk(),
                    type.architecture(),
                    type.cpuType(),
                    strip(hourly),
                    strip(monthly),
                    ipHourly.stripTrailingZeros(),
                    ipMonthly.stripTrailingZeros(),
                    hourly == null ? null : hourly.add(ipHourly).stripTrailingZeros(),
                    monthly == null ? null : monthly.add(ipMonthly).stripTrailingZeros(),
                    reason == null,
                    deprecation.isPresent(),
                    unavailableAfter,
                    reason));
        }

        /**
         * The offer a create may use, or the 400/409 that says why not; nothing is created on Hetzner in either error.
         */
        ServerOptions.TypeOption requireCreatable(String typeName, String location) {
            ServerType type = type(typeName)
                    .orElseThrow(() -> new AppException.BadRequest(
                            "INVALID_SERVER_TYPE",
                            "Unknown server type " + typeName + ".",
                            Map.of("field", "serverType")));
            ServerOptions.TypeOption offer = offer(type, location)
                    .orElseThrow(() -> new AppException.Conflict(
                            "SERVER_TYPE_UNAVAILABLE",
                            "Hetzner does not offer server type " + type.name() + " in " + location + ".",
                            Map.of("field", "serverType")));
            if (ServerOptions.DEPRECATED.equals(offer.reason())) {
                throw new AppException.Conflict(
                        "SERVER_TYPE_DEPRECATED",
                        "Server type " + type.name() + " is deprecated "
                                + "in " + location
                                + (offer.unavailableAfter() == null
                                        ? ""
                                        : " (Hetzner stops or stopped selling it " + "after " + offer.unavailableAfter()
                                                + ")")
                                + "; choose a current type.",
                        offer.unavailableAfter() == null
                                ? Map.of("field", "serverType")
                                : Map.of("field", "serverType", "unavailable_after", offer.unavailableAfter()));
            }
            if (!offer.available()) {
                throw new AppException.Conflict(
                        "SERVER_TYPE_UNAVAILABLE",
                        "Server type " + type.name() + " is not available in " + location + " right now.",
                        Map.of("field", "serverType"));
            }
            return offer;
        }

        private static BigDecimal strip(BigDecimal amount) {
            return amount == null ? null : amount.stripTrailingZeros();
        }
    }

    /** {@code location} null lists locations only; the filters and sort are optional. */
    public ServerOptions options(
            HetznerClient hetzner, String location, String architecture, String cpuType, String sort) {
        check("architecture", architecture, ARCHITECTURES);
        check("cpu_type", cpuType, CPU_TYPES);
        check("sort", sort, SORTS);
        Snapshot snapshot = Snapshot.load(hetzner);
        List<ServerOptions.LocationOption> locations = snapshot.locations().stream()
                .map(l -> new ServerOptions.LocationOption(
                        l.name(), l.description(), l.city(), l.country(), l.networkZone()))
                .toList();
        if (location == null || location.isBlank()) {
            return new ServerOptions(locations, null, List.of(), List.of());
        }
        if (snapshot.location(location).isEmpty()) {
            throw new AppException.BadRequest(
                    "INVALID_LOCATION", "Unknown location " + location + ".", Map.of("field", "location"));
        }
        List<ServerOptions.TypeOption> all = snapshot.types().stream()
                .filter(t -> architecture == null || architecture.equals(t.architecture()))
                .filter(t -> cpuType == null || cpuType.equals(t.cpuType()))
                .flatMap(t -> snapshot.offer(t, location).stream())
                .sorted(comparator(sort == null ? "price_asc" : sort))
                .toList();
        return new ServerOptions(
                locations,
                location,
                all.stream().filter(ServerOptions.TypeOption::available).toList(),
                all.stream().filter(t -> !t.available()).toList());
    }

    private static Comparator<ServerOptions.TypeOption> comparator(String sort) {
        Comparator<ServerOptions.TypeOption> byTotal = Comparator.comparing(
                ServerOptions.TypeOption::monthlyTotal, Comparator.nullsLast(Comparator.naturalOrder()));
        Comparator<ServerOptions.TypeOption> by =
                switch (sort.substring(0, sort.indexOf('_'))) {
                    case "cpu" -> Comparator.comparingDouble(ServerOptions.TypeOption::cores);
                    case "memory" -> Comparator.comparingDouble(ServerOptions.TypeOption::memoryGb);
                    default -> byTotal;
                };
        by = by.thenComparing(byTotal).thenComparing(ServerOptions.TypeOption::name);
        return sort.endsWith("_desc") ? by.reversed() : by;
    }

    private static void check(String field, String value, Set<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw new AppException.BadRequest(
                    "INVALID_PARAMETER",
                    field + " must be one of " + allowed.stream().sorted().toList() + ".",
                    Map.of("field", field));
        }
    }
}
