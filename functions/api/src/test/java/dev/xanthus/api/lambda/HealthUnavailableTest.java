package dev.xanthus.api.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xanthus.api.testing.ApiEvents;
import dev.xanthus.api.testing.ApiTestEnv;
import dev.xanthus.core.config.AppConfig;
import dev.xanthus.core.dynamo.Dynamo;
import dev.xanthus.core.dynamo.TableSetup;
import dev.xanthus.core.testing.TestEnv;
import dev.xanthus.sandbox.dynamo.Dynalite;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthUnavailableTest {

    @Test
    void health_shouldAnswer503NamingDynamo_whenDynaliteIsKilled() {
        // given a function whose DynamoDB is a dynalite of its own
        Dynalite own = Dynalite.startInMemory();
        Map<String, String> env = TestEnv.base(own.endpoint(), "xanthus-health");
        try (var client = Dynamo.client(AppConfig.from(env))) {
            TableSetup.ensure(client, "xanthus-health");
        }
        ApiTestEnv.apply(env);
        AuthHandler handler;
        try {
            handler = new AuthHandler();
        } finally {
            ApiTestEnv.install();
        }
        assertThat(ApiEvents.get(handler, "/health").status()).isEqualTo(200);

        // when it dies
        own.kill();
        long start = System.nanoTime();
        ApiEvents.Response response = ApiEvents.get(handler, "/health");
        long millis = (System.nanoTime() - start) / 1_000_000;

        // then health says so; the time is printed, not asserted: the check's own 2 s call timeout bounds it
        System.out.println("health after dynalite died answered in " + millis + " ms");
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.body().path("checks").path("dynamodb").asText()).isEqualTo("failing");
        assertThat(response.rawBody()).doesNotContain("Exception").doesNotContain("127.0.0.1");
    }
}
