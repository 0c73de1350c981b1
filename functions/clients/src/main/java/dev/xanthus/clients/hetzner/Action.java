package dev.xanthus.clients.hetzner;

import java.time.Instant;
import java.util.List;

/** An asynchronous task on one or more resources; {@code error} is null unless it failed. */
public record Action(
        long id,
        String command,
        ActionStatus status,
        int progress,
        Instant started,
        Instant finished,
        List<Resource> resources,
        Error error) {

    /** A resource the action works on, e.g. {@code {42, "server"}}. */
    public record Resource(long id, String type) {}

    /** Why an action failed. */
    public record Error(String code, String message) {}
}
