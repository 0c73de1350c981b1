package dev.xanthus.api.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The check every API test relies on fails where it must: an unlisted status, an unknown field, a missing one. */
class ApiContractTest {

    private static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of("application/json"));
    private static final String JOB = "{\"id\":\"j-1\",\"kind\":\"deploy\",\"status\":\"running\",\"progress\":50,"
            + "\"steps\":[{\"name\":\"helm\",\"state\":\"RUNNING\"}],\"attempt\":1}";

    @Test
    void aBodyOfTheSchemaPasses() {
        assertThatCode(() -> ApiContract.check(
                        "GET", "/api/v1/jobs/j-1", 200, JSON, "{\"status\":\"success\",\"data\":" + JOB + "}"))
                .doesNotThrowAnyException();
    }

    @Test
    void anUnknownFieldFails() {
        assertThatThrownBy(() -> ApiContract.check(
                        "GET",
                        "/api/v1/jobs/j-1",
                        200,
                        JSON,
                        "{\"status\":\"success\",\"data\":"
                                + JOB.replace("\"attempt\":1", "\"attempt\":1,\"params\":{}") + "}"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("params");
    }

    @Test
    void aMissingRequiredFieldFails() {
        assertThatThrownBy(() -> ApiContract.check(
                        "GET",
                        "/api/v1/jobs/j-1",
                        200,
                        JSON,
                        "{\"status\":\"success\",\"data\":" + JOB.replace(",\"attempt\":1", "") + "}"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("attempt");
    }

    @Test
    void aStatusTheOperationDoesNotListFails() {
        String error = "{\"status\":\"error\",\"error\":{\"code\":\"X\",\"message\":\"m\"},\"requestId\":\"r\"}";
        assertThatThrownBy(() -> ApiContract.check("GET", "/api/v1/jobs/j-1", 409, JSON, error))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("409");
        assertThatThrownBy(() -> ApiContract.check("GET", "/api/v1/jobs/j-1", 500, JSON, error))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("500");
    }

    @Test
    void anErrorNeedsTheOneShapeAndTheRetryAfterItDeclares() {
        assertThatThrownBy(() -> ApiContract.check("GET", "/api/v1/jobs/j-1", 404, JSON, "{\"error\":\"nope\"}"))
                .isInstanceOf(AssertionError.class);
        String late =
                "{\"status\":\"error\",\"error\":{\"code\":\"DEADLINE_EXCEEDED\",\"message\":\"m\"},\"requestId\":\"r\"}";
        assertThatThrownBy(() -> ApiContract.check("GET", "/api/v1/jobs/j-1", 504, JSON, late))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Retry-After");
        assertThatCode(() -> ApiContract.check(
                        "GET",
                        "/api/v1/jobs/j-1",
                        504,
                        Map.of("Content-Type", List.of("application/json"), "Retry-After", List.of("5")),
                        late))
                .doesNotThrowAnyException();
    }

    @Test
    void aRequestOfNoOperationMayOnlyBeRefusedInTheErrorShape() {
        String error =
                "{\"status\":\"error\",\"error\":{\"code\":\"ROUTE_NOT_FOUND\",\"message\":\"m\"},\"requestId\":\"r\"}";
        assertThatCode(() -> ApiContract.check("GET", "/api/v1/nope", 404, JSON, error))
                .doesNotThrowAnyException();
        assertThatCode(() -> ApiContract.check("PATCH", "/api/v1/vps", 405, JSON, error))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> ApiContract.check("GET", "/api/v1/nope", 200, JSON, "{}"))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> ApiContract.check("GET", "/api/v1/nope", 404, Map.of(), "<html>404</html>"))
                .isInstanceOf(AssertionError.class);
    }
}
