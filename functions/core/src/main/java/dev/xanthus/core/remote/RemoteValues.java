package dev.xanthus.core.remote;

import dev.xanthus.core.error.AppException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Validation of values that reach a server: each check admits only what the remote program can mean. */
public final class RemoteValues {

  /** RFC 1123 host name label: what Hetzner accepts as a server name and a shell never needs to interpret. */
  private static final Pattern HOSTNAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,4}");
  private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();
  public static final int MAX_LOG_LINES = 1000;
  public static final int DEFAULT_LOG_LINES = 100;

  private RemoteValues() {}

  /** Every IANA zone Java knows, sorted; the list the UI offers and the only values accepted. */
  public static List<String> timeZones() {
    return ZONES.stream().sorted().toList();
  }

  public static String timeZone(String zone) {
    if (zone == null || !ZONES.contains(zone)) {
      throw new AppException.BadRequest("INVALID_TIMEZONE", "Use an IANA time zone such as Europe/Berlin.",
          Map.of("field", "timezone"));
    }
    return zone;
  }

  /** Lower-case host name, 1–63 characters, letters, digits and inner hyphens (RFC 1123). */
  public static String hostname(String name) {
    if (name == null || !HOSTNAME.matcher(name).matches()) {
      throw new AppException.BadRequest("INVALID_NAME",
          "A server name is 1–63 lower-case letters, digits and hyphens, starting and ending with a letter or digit.",
          Map.of("field", "name"));
    }
    return name;
  }

  /** {@code lines} query parameter: absent → 100; otherwise 1–1000 written as plain digits. */
  public static int lineCount(String lines) {
    if (lines == null || lines.isEmpty()) {
      return DEFAULT_LOG_LINES;
    }
    if (!DIGITS.matcher(lines).matches() || Integer.parseInt(lines) < 1 || Integer.parseInt(lines) > MAX_LOG_LINES) {
      throw new AppException.BadRequest("INVALID_LINES", "lines must be a whole number from 1 to " + MAX_LOG_LINES + ".",
          Map.of("field", "lines"));
    }
    return Integer.parseInt(lines);
  }
}
