package dev.xanthus.core.dynamo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Creates the single Xanthus table (pk, sk; TTL attribute {@code ttl}) when it is missing. Used by the local stack
 * and tests; in the cloud CDK owns the table. Idempotent: an existing table is left as it is.
 */
public final class TableSetup {

    private static final Logger log = LoggerFactory.getLogger(TableSetup.class);

    private TableSetup() {}

    public static void ensure(DynamoDbClient client, String tableName) {
        try {
            client.createTable(b -> b.tableName(tableName)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            AttributeDefinition.builder()
                                    .attributeName(Items.PK)
                                    .attributeType(ScalarAttributeType.S)
                                    .build(),
                            AttributeDefinition.builder()
                                    .attributeName(Items.SK)
                                    .attributeType(ScalarAttributeType.S)
                                    .build())
                    .keySchema(
                            KeySchemaElement.builder()
                                    .attributeName(Items.PK)
                                    .keyType(KeyType.HASH)
                                    .build(),
                            KeySchemaElement.builder()
                                    .attributeName(Items.SK)
                                    .keyType(KeyType.RANGE)
                                    .build()));
            client.waiter().waitUntilTableExists(b -> b.tableName(tableName));
            log.info("created table {}", tableName);
        } catch (ResourceInUseException exists) {
            return;
        }
        try {
            client.updateTimeToLive(b -> b.tableName(tableName)
                    .timeToLiveSpecification(t -> t.attributeName(Items.TTL).enabled(true)));
        } catch (DynamoDbException unsupported) {
            // dynalite has no TTL; expiry is checked on every read anyway.
            log.debug("TTL not supported by this endpoint");
        }
    }
}
