package dev.xanthus.clients.hetzner;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** An action's state: running until it ends in success or error. */
public enum ActionStatus {
    RUNNING,
    SUCCESS,
    ERROR,
    UNKNOWN;

    @JsonCreator
    public static ActionStatus of(String value) {
        return WireEnum.parse(values(), value, UNKNOWN);
    }

    @JsonValue
    public String wire() {
        return WireEnum.wire(this);
    }
}
