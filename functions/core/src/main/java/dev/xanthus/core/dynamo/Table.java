package dev.xanthus.core.dynamo;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The single table as the repositories use it: single-item reads that return only live items ({@link Items#live}:
 * expiry is checked on every read), and writes whose condition, when it does not hold, is an answer ({@code false}
 * or empty) rather than an exception. Every repository used to spell these out around the raw client. The
 * {@code client} and {@code name} are there for the one call that needs its own request settings; {@code clock}
 * judges expiry, and the repositories take their "now" from it too.
 */
public record Table(DynamoDbClient client, String name, Clock clock) {

    public Instant now() {
        return clock.instant();
    }

    /** A consistent read of the item at {@code key}, if it exists and has not expired. */
    public Optional<Map<String, AttributeValue>> find(Map<String, AttributeValue> key) {
        return Items.live(
                client.getItem(b -> b.tableName(name).key(key).consistentRead(true))
                        .item(),
                clock);
    }

    /** An eventually consistent read, for a cache: a read that misses a fresh write only costs a new lookup. */
    public Optional<Map<String, AttributeValue>> findCached(Map<String, AttributeValue> key) {
        return Items.live(client.getItem(b -> b.tableName(name).key(key)).item(), clock);
    }

    public void put(Map<String, AttributeValue> item) {
        putIf(item, null);
    }

    /**
     * Writes {@code item} if {@code condition} (null: none) holds for the item it would replace; false when it does
     * not.
     */
    public boolean putIf(Map<String, AttributeValue> item, Expr condition) {
        return held(() -> client.putItem(b -> b.tableName(name)
                .item(item)
                .conditionExpression(Expr.text(condition))
                .expressionAttributeNames(Expr.names(condition, null))
                .expressionAttributeValues(Expr.values(condition, null))));
    }

    public void delete(Map<String, AttributeValue> key) {
        deleteIf(key, null);
    }

    /** Deletes the item at {@code key} if {@code condition} (null: none) holds; false when it does not. */
    public boolean deleteIf(Map<String, AttributeValue> key, Expr condition) {
        return held(() -> client.deleteItem(b -> b.tableName(name)
                .key(key)
                .conditionExpression(Expr.text(condition))
                .expressionAttributeNames(Expr.names(condition, null))
                .expressionAttributeValues(Expr.values(condition, null))));
    }

    /** Whether a conditional write went through: a condition that did not hold is an answer, not a failure. */
    private static boolean held(Runnable write) {
        try {
            write.run();
            return true;
        } catch (ConditionalCheckFailedException failed) {
            return false;
        }
    }

    public void update(Map<String, AttributeValue> key, Expr update) {
        updated(key, update, null, ReturnValue.NONE);
    }

    /** Applies {@code update} if {@code condition} holds; false when it does not. */
    public boolean updateIf(Map<String, AttributeValue> key, Expr update, Expr condition) {
        return updated(key, update, condition, ReturnValue.NONE).isPresent();
    }

    /** As {@link #updateIf}, answering the item as updated; empty when the condition did not hold. */
    public Optional<Map<String, AttributeValue>> updateIfReturning(
            Map<String, AttributeValue> key, Expr update, Expr condition) {
        return updated(key, update, condition, ReturnValue.ALL_NEW);
    }

    private Optional<Map<String, AttributeValue>> updated(
            Map<String, AttributeValue> key, Expr update, Expr condition, ReturnValue returning) {
        try {
            return Optional.of(client.updateItem(b -> b.tableName(name)
                            .key(key)
                            .updateExpression(update.text())
                            .conditionExpression(Expr.text(condition))
                            .expressionAttributeNames(Expr.names(update, condition))
                            .expressionAttributeValues(Expr.values(update, condition))
                            .returnValues(returning))
                    .attributes());
        } catch (ConditionalCheckFailedException failed) {
            return Optional.empty();
        }
    }

    /**
     * The live items a consistent query finds, following every page. Not the SDK's paginator: its later pages would be
     * fetched outside the client's {@link StoreOutage} guard.
     */
    public List<Map<String, AttributeValue>> query(Expr keyCondition, Expr filter) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = client.query(b -> b.tableName(name)
                    .consistentRead(true)
                    .keyConditionExpression(keyCondition.text())
                    .filterExpression(Expr.text(filter))
                    .expressionAttributeNames(Expr.names(keyCondition, filter))
                    .expressionAttributeValues(Expr.values(keyCondition, filter))
                    .exclusiveStartKey(from));
            page.items().forEach(item -> Items.live(item, clock).ifPresent(items::add));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }
}
