package dev.xanthus.infra;

import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.iam.IGrantable;
import software.constructs.Construct;

/** The single table (pk/sk strings, TTL attribute {@code ttl}): validation cache, sessions, tickets, jobs. */
public final class DataConstruct extends Construct {

    public static final String TTL_ATTRIBUTE = "ttl";
    /**
     * What the code does with the table: single-item reads and conditional writes, queries within a partition and
     * the health check's DescribeTable. No Scan, no batch calls, no streams.
     */
    public static final List<String> ITEM_ACTIONS = List.of(
            "dynamodb:GetItem",
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
            "dynamodb:DeleteItem",
            "dynamodb:ConditionCheckItem",
            "dynamodb:Query",
            "dynamodb:DescribeTable");

    private final Table table;

    public DataConstruct(Construct scope, String id) {
        super(scope, id);
        table = Table.Builder.create(this, "Table")
                .partitionKey(Attribute.builder()
                        .name("pk")
                        .type(AttributeType.STRING)
                        .build())
                .sortKey(Attribute.builder()
                        .name("sk")
                        .type(AttributeType.STRING)
                        .build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .timeToLiveAttribute(TTL_ATTRIBUTE)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true)
                        .build())
                .deletionProtection(true)
                .encryption(TableEncryption.AWS_MANAGED)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
    }

    /** Grants {@link #ITEM_ACTIONS} on the table (and nothing on any index or stream). */
    public void grantItems(IGrantable grantee) {
        table.grant(grantee, ITEM_ACTIONS.toArray(String[]::new));
    }

    public Table table() {
        return table;
    }
}
