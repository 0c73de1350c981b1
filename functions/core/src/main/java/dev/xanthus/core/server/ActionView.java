package dev.xanthus.core.server;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.xanthus.clients.hetzner.Action;
import java.time.Instant;

/**
 * A power action as the UI follows it: Hetzner's action, or for Oracle Cloud (which has no action objects) the
 * instance's move towards the state the action aims at.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ActionView(
        long id,
        String command,
        String status,
        int progress,
        Instant started,
        Instant finished,
        String errorCode,
        String errorMessage) {

    static ActionView of(Action a) {
        return new ActionView(
                a.id(),
                a.command(),
                a.status().wire(),
                a.progress(),
                a.started(),
                a.finished(),
                a.error() == null ? null : a.error().code(),
                a.error() == null ? null : a.error().message());
    }
}
