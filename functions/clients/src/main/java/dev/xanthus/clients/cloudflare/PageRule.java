package dev.xanthus.clients.cloudflare;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** A (legacy) page rule of a zone. */
public record PageRule(
        String id,
        List<Target> targets,
        List<Action> actions,
        int priority,
        String status,
        Instant createdOn,
        Instant modifiedOn) {

    /** Which URLs the rule applies to. */
    public record Target(String target, Constraint constraint) {}

    /** A URL pattern, e.g. operator {@code matches}, value {@code www.example.com/*}. */
    public record Constraint(String operator, String value) {}

    /** What the rule does; {@code value}'s shape depends on {@code id}. */
    public record Action(String id, JsonNode value) {}

    /** The URL pattern of the rule's first target, or null. */
    public String urlPattern() {
        return targets == null || targets.isEmpty()
                ? null
                : targets.get(0).constraint().value();
    }
}
