package dev.xanthus.clients.hetzner;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A server's state as Hetzner reports it; a value Hetzner adds later reads as {@link #UNKNOWN}. */
public enum ServerStatus {
  INITIALIZING, STARTING, RUNNING, STOPPING, OFF, DELETING, MIGRATING, REBUILDING, UNKNOWN;

  @JsonCreator
  public static ServerStatus of(String value) {
    for (ServerStatus status : values()) {
      if (status.wire().equals(value)) {
        return status;
      }
    }
    return UNKNOWN;
  }

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
