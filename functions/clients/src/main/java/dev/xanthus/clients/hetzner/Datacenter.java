package dev.xanthus.clients.hetzner;

import java.util.List;

/** A data center in a location, with the server type ids it supports and has capacity for. */
public record Datacenter(long id, String name, String description, Location location, ServerTypes serverTypes) {

  /** Server type ids. */
  public record ServerTypes(List<Long> supported, List<Long> available, List<Long> availableForMigration) {}
}
