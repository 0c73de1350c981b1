package dev.xanthus.core.app;

import java.util.Map;
import java.util.Optional;

/**
 * Capacity of Hetzner server types (vCPUs, memory GB, disk GB), as Hetzner publishes them. Used to check an app's
 * requirements, added to those of the apps already on the server, without a Hetzner call (the applications function
 * has no Hetzner key).
 */
public final class ServerTypes {

  /** What a server type offers. */
  public record Capacity(double cpu, double memoryGb, double diskGb) {}

  private static final Map<String, Capacity> TYPES = Map.ofEntries(
      Map.entry("cx11", new Capacity(1, 2, 20)), Map.entry("cx21", new Capacity(2, 4, 40)),
      Map.entry("cx31", new Capacity(2, 8, 80)), Map.entry("cx41", new Capacity(4, 16, 160)),
      Map.entry("cx51", new Capacity(8, 32, 240)), Map.entry("cx22", new Capacity(2, 4, 40)),
      Map.entry("cx32", new Capacity(4, 8, 80)), Map.entry("cx42", new Capacity(8, 16, 160)),
      Map.entry("cx52", new Capacity(16, 32, 320)), Map.entry("cpx11", new Capacity(2, 2, 40)),
      Map.entry("cpx21", new Capacity(3, 4, 80)), Map.entry("cpx31", new Capacity(4, 8, 160)),
      Map.entry("cpx41", new Capacity(8, 16, 240)), Map.entry("cpx51", new Capacity(16, 32, 360)),
      Map.entry("cax11", new Capacity(2, 4, 40)), Map.entry("cax21", new Capacity(4, 8, 80)),
      Map.entry("cax31", new Capacity(8, 16, 160)), Map.entry("cax41", new Capacity(16, 32, 320)),
      Map.entry("ccx13", new Capacity(2, 8, 80)), Map.entry("ccx23", new Capacity(4, 16, 160)),
      Map.entry("ccx33", new Capacity(8, 32, 240)), Map.entry("ccx43", new Capacity(16, 64, 360)));

  private ServerTypes() {}

  public static Optional<Capacity> of(String serverType) {
    return Optional.ofNullable(serverType == null ? null : TYPES.get(serverType.toLowerCase(java.util.Locale.ROOT)));
  }
}
