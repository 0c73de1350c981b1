package dev.xanthus.core.lock;

import dev.xanthus.core.dynamo.Expr;
import dev.xanthus.core.dynamo.Items;
import dev.xanthus.core.dynamo.Table;
import dev.xanthus.core.error.AppException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link Leases} in DynamoDB, shared by every Lambda instance: a lease is one conditional {@code PutItem}; it expires on
 * its own ({@code ttl}) if the instance holding it dies, and is deleted by its owner when the work ends.
 */
public final class DynamoLeases implements Leases {

    /** Longer than any request holding a lease may run (the API's Lambda timeout is 30 s). */
    public static final Duration TERM = Duration.ofSeconds(90);
    /** How long a request waits for a lease held by another before answering 409. */
    static final Duration WAIT = Duration.ofSeconds(3);

    private static final long POLL_MILLIS = 100;

    private final Table table;

    public DynamoLeases(DynamoDbClient client, String table, Clock clock) {
        this.table = new Table(client, table, clock);
    }

    /** Waits up to {@link #WAIT} for a lease another request holds. */
    @Override
    public <T> T exclusive(String accountId, String resource, String what, Supplier<T> work) {
        Map<String, AttributeValue> key = Items.key("LEASE#" + accountId, resource);
        String owner = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!tryAcquire(key, owner)) {
            if (System.nanoTime() >= deadline) {
                throw new AppException.Conflict(
                        "BUSY",
                        "Another request is already changing " + what + ". Try again when it has finished.",
                        Map.of("resource", resource));
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
        long now = table.now().getEpochSecond();
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put("owner", Items.s(owner));
        item.put(Items.TTL, Items.n(now + TERM.toSeconds()));
        // false while another holds it
        return table.putIf(
                item,
                Expr.of("attribute_not_exists(#pk) OR #ttl <= :now")
                        .name("#pk", Items.PK)
                        .name("#ttl", Items.TTL)
                        .value(":now", now));
    }

    private void release(Map<String, AttributeValue> key, String owner) {
        // only our own lease: after an overrun past TERM another request may hold it now (then nothing of ours is left)
        table.deleteIf(key, Expr.of("#o = :owner").name("#o", "owner").value(":owner", owner));
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
