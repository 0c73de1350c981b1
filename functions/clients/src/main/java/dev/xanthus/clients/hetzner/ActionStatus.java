package dev.xanthus.clients.hetzner;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** An action's state: running until it ends in success or error. */
public enum ActionStatus {
  RUNNING, SUCCESS, ERROR, UNKNOWN;

  @JsonCreator
  public static ActionStatus of(String value) {
    for (ActionStatus status : values()) {
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
