package dev.xanthus.core.ratelimit;

import dev.xanthus.core.dynamo.Items;
import dev.xanthus.core.error.AppException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Counts failures per scope (a source address, a token hash) in fixed one-minute windows held in DynamoDB, so every
 * Lambda instance sees the same count. Past the limit, callers get 429 with the seconds left in the window.
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

  private long window() {
    return clock.instant().getEpochSecond() / WINDOW.toSeconds();
  }

  private Map<String, AttributeValue> key(String scope) {
    return Items.key("THROTTLE#" + scope, Long.toString(window()));
  }

  /** Throws 429 when any scope already has {@code limit} failures in the current window. */
  public void check(Collection<String> scopes) {
    for (String scope : scopes) {
      Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(key(scope))).item();
      if (Items.live(item, clock).map(i -> Items.num(i, "count")).orElse(0L) >= limit) {
        long retryAfter = (window() + 1) * WINDOW.toSeconds() - clock.instant().getEpochSecond();
        throw new AppException.TooManyRequests("TOO_MANY_ATTEMPTS",
            "Too many failed sign-in attempts. Wait a minute and try again.", Duration.ofSeconds(Math.max(1, retryAfter)));
      }
    }
  }

  public void recordFailure(Collection<String> scopes) {
    long expires = (window() + 2) * WINDOW.toSeconds();
    for (String scope : scopes) {
      client.updateItem(b -> b.tableName(table).key(key(scope))
          .updateExpression("ADD #c :one SET #t = :ttl")
          .expressionAttributeNames(Map.of("#c", "count", "#t", Items.TTL))
          .expressionAttributeValues(Map.of(":one", Items.n(1), ":ttl", Items.n(expires))));
    }
  }
}
