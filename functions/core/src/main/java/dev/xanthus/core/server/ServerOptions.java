package dev.xanthus.core.server;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.util.List;

/** What a new server can be: the locations, and the server types available in the chosen one with its prices. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ServerOptions(List<LocationOption> locations, String location, List<TypeOption> serverTypes) {

  /** A Hetzner location. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record LocationOption(String name, String description, String city, String country, String networkZone) {}

  /**
   * A server type as offered in one location. Prices are gross EUR; {@code hourlyTotal}/{@code monthlyTotal} add the
   * primary IPv4 every server gets.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record TypeOption(String name, String description, double cores, double memoryGb, double diskGb,
      String architecture, String cpuType, BigDecimal hourlyGross, BigDecimal monthlyGross, BigDecimal ipv4Hourly,
      BigDecimal ipv4Monthly, BigDecimal hourlyTotal, BigDecimal monthlyTotal) {}
}
