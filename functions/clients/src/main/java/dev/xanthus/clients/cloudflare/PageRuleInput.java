package dev.xanthus.clients.cloudflare;

import dev.xanthus.clients.http.Json;
import java.util.List;

/** The body of a page rule create. */
public record PageRuleInput(List<PageRule.Target> targets, List<PageRule.Action> actions, int priority, String status) {

    /** An active rule forwarding {@code urlPattern} (e.g. {@code www.example.com/*}) to {@code destination}. */
    public static PageRuleInput forward(String urlPattern, String destination, int statusCode) {
        return new PageRuleInput(
                List.of(new PageRule.Target("url", new PageRule.Constraint("matches", urlPattern))),
                List.of(new PageRule.Action(
                        "forwarding_url",
                        Json.MAPPER.createObjectNode().put("url", destination).put("status_code", statusCode))),
                1,
                "active");
    }
}
