package dev.xanthus.core.dynamo;

import dev.xanthus.core.config.AppConfig;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the one DynamoDB client a process uses: URL-connection HTTP (fast cold start), region and endpoint from
 * config, and time bounds that let a request answer {@code 503} within 2 s when DynamoDB is gone (see
 * {@link StoreOutage}). Every call we make is a single-item operation that DynamoDB answers in milliseconds; an
 * attempt may still take most of the budget, so a slow store is waited for, while fast failures (refused, reset,
 * 5xx) get their retries inside it.
 */
public final class Dynamo {

    static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);
    /** Three attempts: a dropped connection or one slow node is retried; an outage is not waited out. */
    static final int MAX_ATTEMPTS = 3;

    private Dynamo() {}

    public static DynamoDbClient client(AppConfig config) {
        return client(config, new StoreOutage(Clock.systemUTC()));
    }

    /**
     * A whole call, every retry included, is bounded by {@code DYNAMODB_CALL_TIMEOUT} (1.5 s unless set: the request's
     * answer comes right after, within 2 s); one attempt by 80 % of it. Tests that crowd one dynalite with a hundred
     * parallel requests set it longer, so a queue there is not taken for an outage.
     */
    public static DynamoDbClient client(AppConfig config, StoreOutage outage) {
        Duration call = config.dynamoCallTimeout();
        Duration attempt = call.multipliedBy(4).dividedBy(5);
        var builder = DynamoDbClient.builder()
                .region(Region.of(config.region()))
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(attempt)
                        .build())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(call)
                        .apiCallAttemptTimeout(attempt)
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(MAX_ATTEMPTS)
                                .build())
                        .addExecutionInterceptor(outage)
                        .build());
        if (config.dynamoEndpoint().isPresent()) {
            // dynalite accepts any credentials; never reach for real ones against a local endpoint.
            builder.endpointOverride(config.dynamoEndpoint().get())
                    .credentialsProvider(
                            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        } else {
            builder.credentialsProvider(EnvironmentVariableCredentialsProvider.create());
        }
        return outage.guard(builder.build());
    }
}
