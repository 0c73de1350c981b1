package dev.xanthus.api.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xanthus.api.testing.ApiEvents;
import dev.xanthus.api.testing.CloudflareSandbox;
import dev.xanthus.sandbox.aws.LambdaRuntimeApi;
import dev.xanthus.sandbox.cloudflare.CloudflareSimConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each function's handler in a fresh JVM under AWS's own runtime interface client ({@code AWSLambda}, with its JNI
 * part), fed API Gateway HTTP API v2 events by a local Runtime API, as the Lambda service feeds them: sign-in through
 * the auth function, then one signed-in route of every other group.
 */
class RuntimeInterfaceClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyHandler_shouldServeItsRoute_underTheRealRuntimeClient() throws Exception {
        JsonNode login = run(
                AuthHandler.class,
                ApiEvents.event(
                        "POST",
                        "/api/auth/login",
                        "{\"token\":\"" + CloudflareSimConfig.SANDBOX_TOKEN + "\"}",
                        Map.of("content-type", "application/json")));
        assertThat(login.path("statusCode").asInt()).as(login.toString()).isEqualTo(200);
        String jwt = JSON.readTree(login.path("body").asText())
                .path("data")
                .path("jwt_token")
                .asText();
        Map<String, String> auth = Map.of("authorization", "Bearer " + jwt);

        Map<Class<?>, String> routes = Map.of(
                DnsHandler.class, "/api/v1/dns/domains",
                ApplicationsHandler.class, "/api/v1/applications/catalog",
                TerminalHandler.class, "/api/v1/terminal/sessions",
                VpsHandler.class, "/api/v1/settings/hetzner");
        for (Map.Entry<Class<?>, String> route : routes.entrySet()) {
            // DELETE of the Hetzner key: a signed-in vps route whose answer does not depend on what other tests stored
            String method = route.getKey() == VpsHandler.class ? "DELETE" : "GET";
            JsonNode response = run(route.getKey(), ApiEvents.event(method, route.getValue(), null, auth));
            assertThat(response.path("statusCode").asInt())
                    .as(route + ": " + response)
                    .isEqualTo(200);
            assertThat(JSON.readTree(response.path("body").asText())
                            .path("status")
                            .asText())
                    .isEqualTo("success");
        }
    }

    /** Starts {@code handler} under the runtime client in its own JVM, sends one event, returns what it answered. */
    private static JsonNode run(Class<?> handler, Object event) throws Exception {
        try (LambdaRuntimeApi api = LambdaRuntimeApi.start(
                "arn:aws:lambda:eu-central-1:123456789012:function:xanthus-" + handler.getSimpleName())) {
            ProcessBuilder pb = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-XX:TieredStopAtLevel=1",
                            "-XX:+UseSerialGC",
                            "-cp",
                            System.getProperty("java.class.path"),
                            "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                            handler.getName() + "::handleRequest")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().putAll(CloudflareSandbox.env());
            pb.environment().put("AWS_LAMBDA_RUNTIME_API", api.address());
            pb.environment().put("AWS_LAMBDA_FUNCTION_NAME", "xanthus-" + handler.getSimpleName());
            pb.environment().put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
            Process runtime = pb.start();
            try {
                LambdaRuntimeApi.Outcome outcome = api.invoke(JSON.writeValueAsString(event), 120)
                        .orElseThrow(() -> new AssertionError(handler.getSimpleName() + " gave no answer in 120 s"));
                assertThat(outcome.kind()).as(outcome.toString()).isEqualTo("response");
                return JSON.readTree(outcome.body());
            } finally {
                runtime.destroyForcibly().waitFor();
            }
        }
    }
}
