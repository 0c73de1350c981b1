package dev.xanthus.core.dynamo;

import dev.xanthus.core.config.AppConfig;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Builds the one DynamoDB client a process uses: URL-connection HTTP (fast cold start), region and endpoint from config. */
public final class Dynamo {

  private Dynamo() {}

  public static DynamoDbClient client(AppConfig config) {
    var builder = DynamoDbClient.builder()
        .region(Region.of(config.region()))
        .httpClient(UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(2))
            .socketTimeout(Duration.ofSeconds(5))
            .build())
        .overrideConfiguration(ClientOverrideConfiguration.builder()
            .apiCallTimeout(Duration.ofSeconds(8))
            .apiCallAttemptTimeout(Duration.ofSeconds(3))
            .build());
    if (config.dynamoEndpoint().isPresent()) {
      // dynalite accepts any credentials; never reach for real ones against a local endpoint.
      builder.endpointOverride(config.dynamoEndpoint().get())
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
    } else {
      builder.credentialsProvider(EnvironmentVariableCredentialsProvider.create());
    }
    return builder.build();
  }
}
