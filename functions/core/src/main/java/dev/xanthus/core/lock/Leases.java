package dev.xanthus.core.lock;

import dev.xanthus.core.dynamo.Items;
import dev.xanthus.core.error.AppException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Short exclusive leases on one account's resources (a domain being configured, a host name being claimed), held in
 * DynamoDB. Workers KV has no conditional writes, so without them two requests on two Lambda instances could both
 * pass a "not yet used" check and both write. A lease is one conditional {@code PutItem}; it expires on its own
 * ({@code ttl}) if the instance holding it dies, and is deleted by its owner when the work ends.
 */
public final class Leases {

  /** Longer than any request holding a lease may run (the API's Lambda timeout is 30 s). */
  public static final Duration TERM = Duration.ofSeconds(90);
  /** How long a request waits for a lease held by another before answering 409. */
  static final Duration WAIT = Duration.ofSeconds(3);
  private static final long POLL_MILLIS = 100;

  private final DynamoDbClient client;
  private final String table;
  private final Clock clock;

  public Leases(DynamoDbClient client, String table, Clock clock) {
    this.client = client;
    this.table = table;
    this.clock = clock;
  }

  /**
   * Runs {@code work} holding the lease on {@code resource} of {@code accountId}. When another request holds it for
   * longer than {@link #WAIT}, answers 409 {@code BUSY} naming {@code what} — and {@code work} does not run.
   */
  public <T> T exclusive(String accountId, String resource, String what, Supplier<T> work) {
    Map<String, AttributeValue> key = Items.key("LEASE#" + accountId, resource);
    String owner = UUID.randomUUID().toString();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!tryAcquire(key, owner)) {
      if (System.nanoTime() >= deadline) {
        throw new AppException.Conflict("BUSY", "Another request is already changing " + what
            + ". Try again when it has finished.", Map.of("resource", resource));
      }
      pause();
    }
    try {
      return work.get();
    } finally {
      release(key, owner);
    }
  }

  private boolean tryAcquire(Map<String, AttributeValue> key, String owner) {
    long now = clock.instant().getEpochSecond();
    Map<String, AttributeValue> item = new HashMap<>(key);
    item.put("owner", Items.s(owner));
    item.put(Items.TTL, Items.n(now + TERM.toSeconds()));
    try {
      client.putItem(b -> b.tableName(table).item(item)
          .conditionExpression("attribute_not_exists(#pk) OR #ttl <= :now")
          .expressionAttributeNames(Map.of("#pk", Items.PK, "#ttl", Items.TTL))
          .expressionAttributeValues(Map.of(":now", Items.n(now))));
      return true;
    } catch (ConditionalCheckFailedException held) {
      return false;
    }
  }

  private void release(Map<String, AttributeValue> key, String owner) {
    try {
      // only our own lease: after an overrun past TERM another request may hold it now
      client.deleteItem(b -> b.tableName(table).key(key)
          .conditionExpression("#o = :owner")
          .expressionAttributeNames(Map.of("#o", "owner"))
          .expressionAttributeValues(Map.of(":owner", Items.s(owner))));
    } catch (ConditionalCheckFailedException lost) {
      // it expired and was taken; nothing of ours to delete
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AppException.Conflict("BUSY", "Interrupted while waiting for a lease.", Map.of());
    }
  }
}
