package dev.xanthus.core.server;

import dev.xanthus.clients.hetzner.Datacenter;
import dev.xanthus.clients.hetzner.HetznerClient;
import dev.xanthus.clients.hetzner.Location;
import dev.xanthus.clients.hetzner.Price;
import dev.xanthus.clients.hetzner.Pricing;
import dev.xanthus.clients.hetzner.ServerType;
import dev.xanthus.core.error.AppException;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Locations, server types and prices, read live from Hetzner (four calls side by side). Prices are those of the
 * chosen location, never of whichever location Hetzner lists first.
 */
public final class ServerCatalog {

  private static final Set<String> SORTS =
      Set.of("price_asc", "price_desc", "cpu_asc", "cpu_desc", "memory_asc", "memory_desc");
  private static final Set<String> ARCHITECTURES = Set.of("x86", "arm");
  private static final Set<String> CPU_TYPES = Set.of("shared", "dedicated");

  /** The live lists one request works from. */
  record Snapshot(List<Location> locations, List<Datacenter> datacenters, List<ServerType> types, Pricing pricing) {

    static Snapshot load(HetznerClient hetzner) {
      CompletableFuture<List<Location>> locations = Upstreams.async(() -> Upstreams.hetzner(hetzner::listLocations));
      CompletableFuture<List<Datacenter>> datacenters =
          Upstreams.async(() -> Upstreams.hetzner(hetzner::listDatacenters));
      CompletableFuture<List<ServerType>> types = Upstreams.async(() -> Upstreams.hetzner(hetzner::listServerTypes));
      Pricing pricing = Upstreams.hetzner(hetzner::getPricing);
      return new Snapshot(Upstreams.join(locations), Upstreams.join(datacenters), Upstreams.join(types), pricing);
    }

    Optional<Location> location(String name) {
      return locations.stream().filter(l -> l.name().equals(name)).findFirst();
    }

    Optional<ServerType> type(String name) {
      return types.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** Server types some data center of {@code location} has capacity for now. */
    Set<Long> availableIn(String location) {
      Set<Long> ids = new HashSet<>();
      datacenters.stream().filter(d -> d.location() != null && location.equals(d.location().name()))
          .filter(d -> d.serverTypes() != null && d.serverTypes().available() != null)
          .forEach(d -> ids.addAll(d.serverTypes().available()));
      return ids;
    }

    Optional<ServerOptions.TypeOption> offer(ServerType type, String location) {
      Optional<Price> price = type.prices() == null ? Optional.empty()
          : type.prices().stream().filter(p -> location.equals(p.location())).findFirst();
      if (price.isEmpty() || price.get().priceHourly() == null || price.get().priceMonthly() == null) {
        return Optional.empty();
      }
      Optional<Price> ipv4 = pricing == null || pricing.primaryIps() == null ? Optional.empty()
          : pricing.primaryIps().stream().filter(p -> "ipv4".equals(p.type())).flatMap(p -> p.prices().stream())
              .filter(p -> location.equals(p.location())).findFirst();
      BigDecimal hourly = price.get().priceHourly().gross();
      BigDecimal monthly = price.get().priceMonthly().gross();
      BigDecimal ipHourly = ipv4.map(p -> p.priceHourly().gross()).orElse(BigDecimal.ZERO);
      BigDecimal ipMonthly = ipv4.map(p -> p.priceMonthly().gross()).orElse(BigDecimal.ZERO);
      return Optional.of(new ServerOptions.TypeOption(type.name(), type.description(), type.cores(), type.memory(),
          type.disk(), type.architecture(), type.cpuType(), hourly.stripTrailingZeros(), monthly.stripTrailingZeros(),
          ipHourly.stripTrailingZeros(), ipMonthly.stripTrailingZeros(), hourly.add(ipHourly).stripTrailingZeros(),
          monthly.add(ipMonthly).stripTrailingZeros()));
    }
  }

  /** {@code location} null lists locations only; the filters and sort are optional. */
  public ServerOptions options(HetznerClient hetzner, String location, String architecture, String cpuType,
      String sort) {
    check("architecture", architecture, ARCHITECTURES);
    check("cpu_type", cpuType, CPU_TYPES);
    check("sort", sort, SORTS);
    Snapshot snapshot = Snapshot.load(hetzner);
    List<ServerOptions.LocationOption> locations = snapshot.locations().stream()
        .map(l -> new ServerOptions.LocationOption(l.name(), l.description(), l.city(), l.country(), l.networkZone()))
        .toList();
    if (location == null || location.isBlank()) {
      return new ServerOptions(locations, null, List.of());
    }
    if (snapshot.location(location).isEmpty()) {
      throw new AppException.BadRequest("INVALID_LOCATION", "Unknown location " + location + ".",
          Map.of("field", "location"));
    }
    Set<Long> available = snapshot.availableIn(location);
    List<ServerOptions.TypeOption> types = snapshot.types().stream()
        .filter(t -> !t.deprecated() && available.contains(t.id()))
        .filter(t -> architecture == null || architecture.equals(t.architecture()))
        .filter(t -> cpuType == null || cpuType.equals(t.cpuType()))
        .flatMap(t -> snapshot.offer(t, location).stream())
        .sorted(comparator(sort == null ? "price_asc" : sort))
        .toList();
    return new ServerOptions(locations, location, types);
  }

  private static Comparator<ServerOptions.TypeOption> comparator(String sort) {
    Comparator<ServerOptions.TypeOption> by = switch (sort.substring(0, sort.indexOf('_'))) {
      case "cpu" -> Comparator.comparingDouble(ServerOptions.TypeOption::cores);
      case "memory" -> Comparator.comparingDouble(ServerOptions.TypeOption::memoryGb);
      default -> Comparator.comparing(ServerOptions.TypeOption::monthlyTotal);
    };
    by = by.thenComparing(ServerOptions.TypeOption::monthlyTotal).thenComparing(ServerOptions.TypeOption::name);
    return sort.endsWith("_desc") ? by.reversed() : by;
  }

  private static void check(String field, String value, Set<String> allowed) {
    if (value != null && !allowed.contains(value)) {
      throw new AppException.BadRequest("INVALID_PARAMETER", field + " must be one of " + allowed.stream().sorted().toList()
          + ".", Map.of("field", field));
    }
  }
}
