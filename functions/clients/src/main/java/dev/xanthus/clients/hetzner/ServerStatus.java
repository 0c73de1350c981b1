package dev.xanthus.clients.hetzner;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A server's state as Hetzner reports it; a value Hetzner adds later reads as {@link #UNKNOWN}. */
public enum ServerStatus {
    INITIALIZING,
    STARTING,
    RUNNING,
    STOPPING,
    OFF,
    DELETING,
    MIGRATING,
    REBUILDING,
    UNKNOWN;

    @JsonCreator
    public static ServerStatus of(String value) {
        return WireEnum.parse(values(), value, UNKNOWN);
    }

    @JsonValue
    public String wire() {
        return WireEnum.wire(this);
    }
}
