package dev.xanthus.core.dynamo;

import dev.xanthus.core.error.AppException;
import dev.xanthus.core.health.HealthCheck;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** DynamoDB is healthy when our table answers a DescribeTable. */
public record DynamoHealthCheck(DynamoDbClient client, String tableName) implements HealthCheck {

    @Override
    public String name() {
        return "dynamodb";
    }

    @Override
    public Result check() {
        try {
            client.describeTable(b -> b.tableName(tableName)
                    .overrideConfiguration(o -> o.apiCallTimeout(java.time.Duration.ofSeconds(2))
                            .apiCallAttemptTimeout(java.time.Duration.ofSeconds(1))));
            return Result.OK;
        } catch (SdkException | AppException.Unavailable e) {
            return Result.FAILING;
        }
    }
}
