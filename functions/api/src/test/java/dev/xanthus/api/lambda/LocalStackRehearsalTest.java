package dev.xanthus.api.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.xanthus.api.testing.ApiEvents;
import dev.xanthus.api.testing.ApiTestEnv;
import dev.xanthus.api.testing.HetznerSandbox;
import dev.xanthus.core.config.AppConfig;
import dev.xanthus.core.dynamo.Dynamo;
import dev.xanthus.core.dynamo.TableSetup;
import dev.xanthus.core.testing.LocalDynamo;
import dev.xanthus.sandbox.cloudflare.CloudflareSimConfig;
import dev.xanthus.sandbox.hetzner.HetznerSimulator;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Sign-in and the server list through the auth and vps functions' Lambda entry points, with DynamoDB served by
 * LocalStack where a Docker engine exists (the design card's localstack-testcontainers) and by dynalite always.
 */
class LocalStackRehearsalTest {

    private static final String LOCALSTACK_IMAGE = "localstack/localstack:4.9";

    @Test
    void signInAndServerList_shouldWork_withDynamoOnDynalite() {
        flow(LocalDynamo.server().endpoint());
    }

    @Test
    void signInAndServerList_shouldWork_withDynamoOnLocalStack() {
        boolean docker = DockerClientFactory.instance().isDockerAvailable();
        if (!docker) {
            System.err.println("LocalStackRehearsalTest SKIPPED: no Docker engine on this machine (Testcontainers found"
                    + " none), so LocalStack cannot start; the same flow ran against dynalite.");
        }
        assumeTrue(docker, "no Docker engine: LocalStack cannot start here; the same flow ran against dynalite");
        try (LocalStackContainer localstack = new LocalStackContainer(DockerImageName.parse(LOCALSTACK_IMAGE))
                .withServices(LocalStackContainer.Service.DYNAMODB)) {
            localstack.start();
            flow(localstack.getEndpoint().toString());
        }
    }

    /** Creates the table as the local stack does, then drives the two functions with HTTP API v2 events. */
    private static void flow(String dynamoEndpoint) {
        Map<String, String> env = new HashMap<>(HetznerSandbox.env());
        env.put("DYNAMODB_ENDPOINT", dynamoEndpoint);
        env.put("TABLE_NAME", "xanthus-rehearsal-" + UUID.randomUUID());
        try (DynamoDbClient client = Dynamo.client(AppConfig.from(env))) {
            TableSetup.ensure(client, env.get("TABLE_NAME"));
        }
        Properties saved = (Properties) System.getProperties().clone();
        ApiTestEnv.apply(env);
        try {
            ApiEvents.Response login = ApiEvents.send(
                    new AuthHandler(),
                    ApiEvents.event(
                            "POST",
                            "/api/auth/login",
                            "{\"token\":\"" + CloudflareSimConfig.SANDBOX_TOKEN + "\"}",
                            Map.of("content-type", "application/json")));
            assertThat(login.status()).as(login.rawBody()).isEqualTo(200);
            String jwt = login.body().path("data").path("jwt_token").asText();

            VpsHandler vps = new VpsHandler();
            ApiEvents.Response key = ApiEvents.send(
                    vps,
                    ApiEvents.event(
                            "PUT",
                            "/api/v1/settings/hetzner",
                            "{\"key\":\"" + HetznerSimulator.DEFAULT_TOKEN + "\"}",
                            Map.of("authorization", "Bearer " + jwt, "content-type", "application/json")));
            assertThat(key.status()).as(key.rawBody()).isEqualTo(200);
            ApiEvents.Response servers = ApiEvents.send(
                    vps, ApiEvents.event("GET", "/api/v1/vps", null, Map.of("authorization", "Bearer " + jwt)));

            assertThat(servers.status()).as(servers.rawBody()).isEqualTo(200);
            assertThat(servers.body().path("data").isArray()).isTrue();
        } finally {
            System.setProperties(saved);
        }
    }
}
