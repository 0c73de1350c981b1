package dev.xanthus.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xanthus.api.testing.CloudflareSandbox;
import dev.xanthus.api.testing.ErrorProbeController;
import dev.xanthus.api.testing.OverHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The error contract over real HTTP: every failure is JSON in one shape, with a request id, and no internals. */
@OverHttp(CloudflareSandbox.class)
@ExtendWith(OutputCaptureExtension.class)
class ApiErrorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    private HttpResponse<String> send(HttpRequest.Builder builder) throws Exception {
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    private static JsonNode assertErrorShape(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asText()).isEqualTo("error");
        assertThat(body.path("error").path("code").asText()).isEqualTo(code);
        assertThat(body.path("error").path("message").asText()).isNotBlank();
        assertThat(body.path("requestId").asText())
                .isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
        return body;
    }

    @Test
    void malformedJson_shouldBe400() throws Exception {
        var response = send(request("/test/echo")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": ")));

        assertErrorShape(response, 400, "MALFORMED_JSON");
    }

    private HttpResponse<String> postJson(String path, String body) throws Exception {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void duplicateKeys_shouldBe400_onRecordsAndMaps_notA500(CapturedOutput output) throws Exception {
        // The unauthenticated route of the attack run, a record body; and a map body, where Jackson would keep the
        // last.
        var validate = postJson("/api/auth/validate", "{\"token\":\"a\",\"token\":\"b\"}");
        var login = postJson("/api/auth/login", "{\"token\":\"a\",\"accountId\":\"x\",\"token\":\"b\"}");
        var map = postJson("/test/echo", "{\"a\":1,\"a\":2}");

        for (var response : java.util.List.of(validate, login, map)) {
            JsonNode body = assertErrorShape(response, 400, "MALFORMED_JSON");
            assertThat(body.path("error").path("message").asText()).contains("more than once");
        }
        assertThat(JSON.readTree(validate.body())
                        .path("error")
                        .path("details")
                        .path("field")
                        .asText())
                .isEqualTo("token");
        assertThat(output.getOut()).doesNotContain("unhandled error").doesNotContain("InvalidDefinitionException");
    }

    @Test
    void scalarsOfTheWrongType_shouldBe400_neverCoercedIntoStrings() throws Exception {
        for (String body : java.util.List.of(
                "{\"token\":true}",
                "{\"token\":123}",
                "{\"token\":1.5}",
                "{\"token\":[\"a\"]}",
                "{\"token\":{\"a\":1}}")) {
            JsonNode error = assertErrorShape(postJson("/api/auth/validate", body), 400, "MALFORMED_JSON");
            assertThat(error.path("error").path("details").path("field").asText())
                    .as(body)
                    .isEqualTo("token");
        }
    }

    @Test
    void everyOtherMalformedBody_shouldBe400InTheSameShape() throws Exception {
        for (String body : java.util.List.of(
                "",
                "{",
                "{\"token\":\"a\"",
                "{\"token\":\"a\"} {\"token\":\"b\"}",
                "{\"token\":\"a\"}x",
                "[]",
                "\"token\"",
                "null",
                "{'token':'a'}",
                "{\"token\":\"a\",}",
                "\u0000")) {
            assertErrorShape(postJson("/api/auth/validate", body), 400, "MALFORMED_JSON");
        }
        assertErrorShape(
                send(request("/api/auth/validate")
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"a\"}"))),
                415,
                "UNSUPPORTED_MEDIA_TYPE");
        assertErrorShape(
                send(request("/api/auth/validate")
                        .header("Content-Type", "application/json; charset=bogus")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"a\"}"))),
                415,
                "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void malformedBodyMessages_shouldQuoteAtMost100CharactersOfInput() throws Exception {
        String marker = "Q".repeat(5000);
        for (String body : java.util.List.of(
                "{\"" + marker + "\":1,\"" + marker + "\":2}",
                "{\"token\":" + marker + "}",
                "{\"token\":\"" + marker,
                "{\"token\":\"a\"}" + marker)) {
            var response = postJson("/api/auth/validate", body);
            assertErrorShape(response, 400, "MALFORMED_JSON");
            assertThat(response.body()).doesNotContain("Q".repeat(101));
            assertThat(response.body().length()).isLessThan(600);
        }
    }

    @Test
    void bodyOver256KiB_shouldBe413_withOrWithoutContentLength() throws Exception {
        String big = "{\"x\":\"" + "a".repeat(300 * 1024) + "\"}";

        var declared = send(request("/test/echo")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(big)));
        var streamed = send(request("/test/echo")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(big.getBytes()))));

        assertErrorShape(declared, 413, "PAYLOAD_TOO_LARGE");
        assertErrorShape(streamed, 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void bodyJustUnderTheLimit_shouldBeAccepted() throws Exception {
        String ok = "{\"x\":\"" + "a".repeat(200 * 1024) + "\"}";

        var response = send(request("/test/echo")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ok)));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void unknownRoute_shouldBe404_andWrongMethod405WithAllow() throws Exception {
        assertErrorShape(send(request("/api/v1/nothing-here").GET()), 404, "ROUTE_NOT_FOUND");
        assertErrorShape(send(request("/error").GET()), 404, "ROUTE_NOT_FOUND");

        var wrongMethod = send(request("/health").DELETE());
        assertErrorShape(wrongMethod, 405, "METHOD_NOT_ALLOWED");
        assertThat(wrongMethod.headers().firstValue("Allow"))
                .hasValueSatisfying(v -> assertThat(v).contains("GET"));
    }

    @Test
    void unexpectedException_shouldBeGeneric500_withoutItsText(CapturedOutput output) throws Exception {
        var response = send(request("/test/boom").GET());

        JsonNode body = assertErrorShape(response, 500, "INTERNAL_ERROR");
        assertThat(response.body())
                .doesNotContain(ErrorProbeController.SECRET_DETAIL)
                .doesNotContain("IllegalStateException")
                .doesNotContain("at dev.xanthus");
        assertThat(body.path("error").path("message").asText())
                .contains(body.path("requestId").asText());
    }

    /** Found by FuzzAndFaultIT: every 502 under a provider outage logged a whole stack trace. */
    @Test
    void serverErrors_shouldBeLoggedInOneLine_withoutAStackTraceOrTheExceptionsText(CapturedOutput output)
            throws Exception {
        var boom = send(
                request("/test/boom").header("X-Request-Id", "boom-0123456789").GET());
        var upstream = send(request("/test/upstream")
                .header("X-Request-Id", "upstream-0123456789")
                .GET());

        assertErrorShape(boom, 500, "INTERNAL_ERROR");
        assertErrorShape(upstream, 502, "CLOUDFLARE_UNAVAILABLE");
        List<String> boomLines = logLines(output, "boom-0123456789", "GET /test/boom ->");
        assertThat(boomLines)
                .singleElement()
                .asString()
                .contains("IllegalStateException at dev.xanthus.api.testing.ErrorProbeController.boom")
                .doesNotContain(ErrorProbeController.SECRET_DETAIL)
                .doesNotContain("stack_trace");
        List<String> upstreamLines = logLines(output, "upstream-0123456789", "GET /test/upstream ->");
        assertThat(upstreamLines)
                .singleElement()
                .asString()
                .contains(
                        "502 CLOUDFLARE_UNAVAILABLE: Cloudflare did not answer. (cause: IOException: connection reset)")
                .doesNotContain(ErrorProbeController.SECRET_DETAIL)
                .doesNotContain("stack_trace");
    }

    @Test
    void appException_shouldKeepItsStatusAndCode() throws Exception {
        assertErrorShape(send(request("/test/conflict").GET()), 409, "VPS_NAME_TAKEN");
    }

    @Test
    void incomingRequestId_shouldBeKept_whenWellFormed_andLoggedAsJson(CapturedOutput output) throws Exception {
        var kept = send(
                request("/health").header("X-Request-Id", "trace-0123456789").GET());
        var replaced = send(
                request("/health").header("X-Request-Id", "bad id\"with quotes").GET());

        assertThat(kept.headers().firstValue("X-Request-Id")).hasValue("trace-0123456789");
        assertThat(replaced.headers().firstValue("X-Request-Id").orElseThrow()).doesNotContain("quotes");
        // the access line itself: other lines of the same request (e.g. /health's Origin CA warning) carry the id too
        String accessLine = output.getOut()
                .lines()
                .filter(l -> l.contains("trace-0123456789"))
                .filter(l -> l.contains("GET /health ->"))
                .findFirst()
                .orElseThrow();
        JsonNode logged = JSON.readTree(accessLine);
        assertThat(logged.path("message").asText()).contains("GET /health -> 200");
    }

    /** The lines logged for request {@code requestId}, but for its access line ({@code accessLine}). */
    private static List<String> logLines(CapturedOutput output, String requestId, String accessLine) {
        return output.getOut()
                .lines()
                .filter(l -> l.contains(requestId))
                .filter(l -> !l.contains(accessLine))
                .toList();
    }
}
