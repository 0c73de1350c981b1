package dev.xanthus.core.ratelimit;

import dev.xanthus.core.dynamo.Items;
import dev.xanthus.core.error.AppException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

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

  private final DynamoDbClient client;
  private final String table;
  private final Clock clock;
  private final int limit;

  public FailureThrottle(DynamoDbClient client, String table, Clock clock, int limit) {
    this.client = client;
    this.table = table;
    this.clock = clock;
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
    long window = clock.instant().getEpochSecond() / WINDOW.toSeconds();
    long expires = (window + 2) * WINDOW.toSeconds();
    List<String> taken = new ArrayList<>();
    for (String scope : scopes) {
      try {
        client.updateItem(b -> b.tableName(table).key(key(scope, window))
            .updateExpression("ADD #c :one SET #t = :ttl")
            .conditionExpression("attribute_not_exists(#c) OR #c < :limit")
            .expressionAttributeNames(Map.of("#c", "count", "#t", Items.TTL))
            .expressionAttributeValues(Map.of(":one", Items.n(1), ":ttl", Items.n(expires), ":limit", Items.n(limit))));
        taken.add(scope);
      } catch (ConditionalCheckFailedException full) {
        giveBack(window, taken);
        long retryAfter = (window + 1) * WINDOW.toSeconds() - clock.instant().getEpochSecond();
        throw new AppException.TooManyRequests("TOO_MANY_ATTEMPTS",
            "Too many failed sign-in attempts. Wait a minute and try again.", Duration.ofSeconds(Math.max(1, retryAfter)));
      }
    }
    return new Attempt(window, List.copyOf(taken));
  }

  private void giveBack(long window, List<String> scopes) {
    for (String scope : scopes) {
      client.updateItem(b -> b.tableName(table).key(key(scope, window))
          .updateExpression("ADD #c :minus")
          .expressionAttributeNames(Map.of("#c", "count"))
          .expressionAttributeValues(Map.of(":minus", Items.n(-1))));
    }
  }

  private static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> key(String scope, long window) {
    return Items.key("THROTTLE#" + scope, Long.toString(window));
  }
}
