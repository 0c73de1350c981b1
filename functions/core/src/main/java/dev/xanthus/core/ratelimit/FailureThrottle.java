package dev.xanthus.core.ratelimit;

import dev.xanthus.core.dynamo.Expr;
import dev.xanthus.core.dynamo.Items;
import dev.xanthus.core.dynamo.Table;
import dev.xanthus.core.error.AppException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Counts sign-in attempts per scope (a source address, a token hash) in fixed one-minute windows held in DynamoDB,
 * so every Lambda instance sees the same count. An attempt is counted <em>before</em> it reaches Cloudflare, by one
 * conditional update per scope ({@code ADD count 1} only if {@code count < limit}), so however many requests arrive
 * at once, at most {@code limit} get through a window; reading the count first and adding a failure afterwards let
 * every request that read before the first failure was written through. An attempt that did not fail
 * ({@link Attempt#release}) is taken back, so the limit is on failures (and attempts still in flight).
 */
public final class FailureThrottle {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final Table table;
    private final int limit;

    public FailureThrottle(DynamoDbClient client, String table, Clock clock, int limit) {
        this.table = new Table(client, table, clock);
        this.limit = limit;
    }

    /** One counted attempt, holding a place in each scope's window until it fails or is given back. */
    public final class Attempt {
        private final long window;
        private final List<String> scopes;

        private Attempt(long window, List<String> scopes) {
            this.window = window;
            this.scopes = scopes;
        }

        /** The attempt did not fail (signed in, or Cloudflare could not answer): it stops counting. */
        public void release() {
            giveBack(window, scopes);
        }
    }

    /** Counts an attempt in every scope, atomically per scope; 429 (and nothing counted) when any is at the limit. */
    public Attempt begin(Collection<String> scopes) {
        long window = table.now().getEpochSecond() / WINDOW.toSeconds();
        long expires = (window + 2) * WINDOW.toSeconds();
        List<String> taken = new ArrayList<>();
        Expr count = Expr.of("ADD #c :one SET #t = :ttl")
                .name("#c", "count")
                .name("#t", Items.TTL)
                .value(":one", 1)
                .value(":ttl", expires);
        Expr belowLimit = Expr.of("attribute_not_exists(#c) OR #c < :limit").value(":limit", limit);
        for (String scope : scopes) {
            if (table.updateIf(key(scope, window), count, belowLimit)) {
                taken.add(scope);
            } else {
                giveBack(window, taken);
                long retryAfter =
                        (window + 1) * WINDOW.toSeconds() - table.now().getEpochSecond();
                throw new AppException.TooManyRequests(
                        "TOO_MANY_ATTEMPTS",
                        "Too many failed sign-in attempts. Wait a minute and try again.",
                        Duration.ofSeconds(Math.max(1, retryAfter)));
            }
        }
        return new Attempt(window, List.copyOf(taken));
    }

    private void giveBack(long window, List<String> scopes) {
        Expr uncount = Expr.of("ADD #c :minus").name("#c", "count").value(":minus", -1);
        for (String scope : scopes) {
            table.update(key(scope, window), uncount);
        }
    }

    private static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> key(
            String scope, long window) {
        return Items.key("THROTTLE#" + scope, Long.toString(window));
    }
}
