package dev.xanthus.api.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.xanthus.api.docs.RouteTable;
import dev.xanthus.api.function.FunctionGroup;
import dev.xanthus.api.testing.ApiEvents;
import dev.xanthus.api.testing.ApiTestEnv;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pushes real HTTP API v2 events through each function's Lambda entry point. */
class FunctionHandlersTest {

    private static final Map<FunctionGroup, RequestStreamHandler> HANDLERS = new EnumMap<>(FunctionGroup.class);

    @BeforeAll
    static void boot() {
        ApiTestEnv.install();
        HANDLERS.put(FunctionGroup.AUTH, new AuthHandler());
        HANDLERS.put(FunctionGroup.VPS, new VpsHandler());
        HANDLERS.put(FunctionGroup.DNS, new DnsHandler());
        HANDLERS.put(FunctionGroup.APPLICATIONS, new ApplicationsHandler());
        HANDLERS.put(FunctionGroup.TERMINAL, new TerminalHandler());
    }

    @Test
    void health_shouldAnswer200WithDynamoOk_throughTheAuthFunction() {
        ApiEvents.Response response = ApiEvents.get(HANDLERS.get(FunctionGroup.AUTH), "/health");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().path("status").asText()).isEqualTo("ok");
        assertThat(response.body().path("checks").path("dynamodb").asText()).isEqualTo("ok");
        assertThat(response.headers().get("X-Request-Id")).isNotBlank();
    }

    @Test
    void anotherGroupsRoute_shouldBe404Json_inThisFunction() {
        ApiEvents.Response response = ApiEvents.get(HANDLERS.get(FunctionGroup.VPS), "/health");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body().path("status").asText()).isEqualTo("error");
        assertThat(response.body().path("error").path("code").asText()).isEqualTo("ROUTE_NOT_FOUND");
        assertThat(response.body().path("requestId").asText())
                .isEqualTo(response.headers().get("X-Request-Id"));
    }

    @Test
    void malformedBodiesAndTrace_shouldAnswerTheSameJsonThroughTheLambdaContainer() {
        RequestStreamHandler auth = HANDLERS.get(FunctionGroup.AUTH);
        Map<String, String> json = Map.of("content-type", "application/json");

        ApiEvents.Response duplicate = ApiEvents.send(
                auth, ApiEvents.event("POST", "/api/auth/validate", "{\"token\":\"a\",\"token\":\"b\"}", json));
        ApiEvents.Response wrongType =
                ApiEvents.send(auth, ApiEvents.event("POST", "/api/auth/validate", "{\"token\":true}", json));
        // HttpServlet.doTrace would echo the request, Authorization header included, as message/http
        ApiEvents.Response trace = ApiEvents.send(
                auth,
                ApiEvents.event("TRACE", "/api/auth/me", null, Map.of("authorization", "Bearer secret-in-trace")));

        for (ApiEvents.Response response : java.util.List.of(duplicate, wrongType)) {
            assertThat(response.status()).as(response.rawBody()).isEqualTo(400);
            assertThat(response.body().path("error").path("code").asText()).isEqualTo("MALFORMED_JSON");
        }
        assertThat(trace.status()).as(trace.rawBody()).isEqualTo(405);
        assertThat(trace.body().path("error").path("code").asText()).isEqualTo("METHOD_NOT_ALLOWED");
        assertThat(trace.rawBody()).doesNotContain("secret-in-trace");
    }

    @Test
    void everyRoute_shouldBeServedByItsOwnFunctionOnly() {
        for (RouteTable.Route route : RouteTable.load()) {
            String path = route.path().replaceAll("\\{[^}]+}", "x");
            HANDLERS.forEach((group, handler) -> {
                ApiEvents.Response response =
                        ApiEvents.send(handler, ApiEvents.event(route.method(), path, null, Map.of()));
                boolean routeMissing = response.status() == 404
                        && "ROUTE_NOT_FOUND"
                                .equals(response.body()
                                        .path("error")
                                        .path("code")
                                        .asText());
                assertThat(routeMissing)
                        .as("%s in the %s function", route.routeKey(), group.id())
                        .isEqualTo(group != route.function());
            });
        }
    }

    @Test
    void openApiDocument_shouldBeServedAsYaml() {
        ApiEvents.Response response = ApiEvents.get(HANDLERS.get(FunctionGroup.AUTH), "/api/openapi.yaml");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().get("Content-Type")).startsWith("application/yaml");
        assertThat(response.rawBody()).contains("x-xanthus-function");
    }
}
