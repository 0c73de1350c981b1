package dev.xanthus.api.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xanthus.api.testing.ApiClient;
import dev.xanthus.api.testing.CloudflareSandbox;
import dev.xanthus.api.testing.OverHttp;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The sessions API refuses what it must before any ticket exists (the full path is in functions/local). */
@OverHttp(CloudflareSandbox.class)
class TerminalIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private String jwt;

    @LocalServerPort
    int port;

    @BeforeEach
    void signIn() throws Exception {
        jwt = ApiClient.signIn(port).jwt();
    }

    private HttpResponse<String> send(String method, String path, String body, String bearer) throws Exception {
        return ApiClient.send(port, method, path, body, bearer);
    }

    private String code(HttpResponse<String> response) throws Exception {
        return ApiClient.code(response);
    }

    @Test
    void open_shouldRefuseBadInput_unknownServers_andAnonymousCallers() throws Exception {
        HttpResponse<String> noServer = send("POST", "/api/v1/terminal/sessions", "{\"cols\":80,\"rows\":24}", jwt);
        HttpResponse<String> badSize =
                send("POST", "/api/v1/terminal/sessions", "{\"vpsId\":1,\"cols\":5000,\"rows\":24}", jwt);
        HttpResponse<String> hostInjected =
                send("POST", "/api/v1/terminal/sessions", "{\"vpsId\":\"1; rm -rf /\"}", jwt);
        HttpResponse<String> unknown = send("POST", "/api/v1/terminal/sessions", "{\"vpsId\":424242}", jwt);
        HttpResponse<String> anonymous = send("POST", "/api/v1/terminal/sessions", "{\"vpsId\":1}", null);

        assertThat(noServer.statusCode()).isEqualTo(400);
        assertThat(code(noServer)).isEqualTo("INVALID_VPS_ID");
        assertThat(badSize.statusCode()).isEqualTo(400);
        assertThat(code(badSize)).isEqualTo("INVALID_TERMINAL_SIZE");
        assertThat(hostInjected.statusCode()).isEqualTo(400);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void listEndAndRecording_shouldBeScopedToTheAccount() throws Exception {
        HttpResponse<String> list = send("GET", "/api/v1/terminal/sessions", null, jwt);
        HttpResponse<String> endUnknown =
                send("DELETE", "/api/v1/terminal/sessions/00000000-0000-4000-8000-000000000000", null, jwt);
        // A malformed id the API itself refuses. An encoded slash (`..%2F..%2Fetc`) never gets this far: Tomcat refuses
        // it,
        // and its JSON answer comes from the valve of functions/local, checked there (EdgeResponsesTest "encoded
        // slash").
        HttpResponse<String> endMalformed = send("DELETE", "/api/v1/terminal/sessions/..etc", null, jwt);
        HttpResponse<String> recording =
                send("GET", "/api/v1/terminal/sessions/00000000-0000-4000-8000-000000000000/recording", null, jwt);

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(list.body()).path("data").isArray()).isTrue();
        assertThat(endUnknown.statusCode()).isEqualTo(404);
        assertThat(code(endUnknown)).isEqualTo("TERMINAL_SESSION_NOT_FOUND");
        assertThat(endMalformed.statusCode()).isEqualTo(400);
        assertThat(code(endMalformed)).isEqualTo("INVALID_SESSION_ID");
        assertThat(recording.statusCode()).isEqualTo(404);
    }
}
