package dev.xanthus.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xanthus.api.testing.ApiClient;
import dev.xanthus.api.testing.CloudflareSandbox;
import dev.xanthus.api.testing.HetznerSandbox;
import dev.xanthus.api.testing.WebTestApp;
import dev.xanthus.sandbox.http.Fault;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/**
 * The request deadline over real HTTP: a provider that answers too slowly ends the request with 504, with one
 * attempt and no retry. The deadline is shortened here (2 s, 24 s in production) so the test does not wait 24 s.
 */
@SpringBootTest(
        classes = WebTestApp.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = DeadlineFilter.PROPERTY + "=PT2S")
@ContextConfiguration(initializers = HetznerSandbox.class)
@ExtendWith(OutputCaptureExtension.class)
class RequestDeadlineIT {

    private static final String KV_READ =
            "GET /accounts/{account_id}/storage/kv/namespaces/{namespace_id}/values/{key_name}";

    @LocalServerPort
    int port;

    @AfterEach
    void clearFaults() {
        CloudflareSandbox.SIM.server().faults().clear();
        HetznerSandbox.SIM.http().faults().clear();
    }

    @Test
    void slowKvRead_shouldEndTheRequestWith504_afterOneAttempt(CapturedOutput output) throws Exception {
        ApiClient.Login login = ApiClient.signIn(port, "oci", "hetzner");
        CloudflareSandbox.SIM.server().faults().injectAlways(KV_READ, Fault.latency(Duration.ofSeconds(8)));
        int before = CloudflareSandbox.SIM.server().calls(KV_READ);

        HttpResponse<String> response = ApiClient.send(port, "GET", "/api/v1/vps/4242", null, login.jwt());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(504);
        JsonNode body = ApiClient.JSON.readTree(response.body());
        assertThat(body.path("error").path("code").asText()).isEqualTo("DEADLINE_EXCEEDED");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(CloudflareSandbox.SIM.server().calls(KV_READ) - before).isEqualTo(1);
        assertThat(output.getOut()).doesNotContain("at dev.xanthus").doesNotContain("unhandled error");
    }

    @Test
    void slowHetznerRead_shouldEndTheRequestWith504_evenOnTheProviderPool() throws Exception {
        ApiClient.Login login = ApiClient.signIn(port, "oci", "hetzner");
        HttpResponse<String> put = ApiClient.send(
                port,
                "PUT",
                "/api/v1/settings/hetzner",
                java.util.Map.of("key", dev.xanthus.sandbox.hetzner.HetznerSimulator.DEFAULT_TOKEN),
                login.jwt());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        HetznerSandbox.SIM.http().routeKeys().stream()
                .filter(r -> r.startsWith("GET "))
                .forEach(r -> HetznerSandbox.SIM.http().faults().injectAlways(r, Fault.latency(Duration.ofSeconds(8))));

        // the options read Hetzner's locations and server types side by side, on the provider pool
        HttpResponse<String> response = ApiClient.send(port, "GET", "/api/v1/vps/options", null, login.jwt());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(504);
        assertThat(ApiClient.code(response)).isEqualTo("DEADLINE_EXCEEDED");
    }
}
