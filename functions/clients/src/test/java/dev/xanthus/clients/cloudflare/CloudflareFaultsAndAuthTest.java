package dev.xanthus.clients.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xanthus.sandbox.cloudflare.CloudflareSimConfig;
import dev.xanthus.sandbox.http.Fault;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CloudflareFaultsAndAuthTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ZONES = "GET /zones";
    private static final String CREATE_DNS = "POST /zones/{zone_id}/dns_records";

    @RegisterExtension
    final CloudflareSandbox sandbox = new CloudflareSandbox();

    @Test
    void authenticationError10000_shouldBeAMissingPermissionWith403_butABadTokenWith401() {
        String body = "{\"success\":false,\"errors\":[{\"code\":10000,\"message\":\"Authentication error\"}]}";
        sandbox.server().faults().inject("GET /zones/{zone_id}/pagerules", Fault.status(403, body), 1);
        sandbox.server().faults().inject("GET /zones/{zone_id}/pagerules", Fault.status(401, body), 1);
        String zoneId = sandbox.simulator().zoneId("example.com");

        assertThatThrownBy(() -> sandbox.client().listPageRules(zoneId))
                .isInstanceOfSatisfying(CloudflareException.class, e -> {
                    assertThat(e.kind()).isEqualTo(CloudflareException.Kind.FORBIDDEN);
                    assertThat(e.permission()).hasValue("Zone · Page Rules: Edit");
                });
        assertThatThrownBy(() -> sandbox.client().listPageRules(zoneId))
                .isInstanceOfSatisfying(CloudflareException.class, e -> assertThat(e.kind())
                        .isEqualTo(CloudflareException.Kind.UNAUTHORIZED));
    }

    @Test
    void listZones_shouldRetryExactlyOnceAfterAdvisedDelay_whenRateLimitedThenOk() {
        sandbox.server().faults().inject(ZONES, Fault.rateLimited(2), 1);

        assertThat(sandbox.client().listZones()).hasSize(2);

        assertThat(sandbox.server().calls(ZONES)).isEqualTo(2);
        assertThat(sandbox.sleeps()).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void listZones_shouldThrowRateLimitedWithAdvice_whenCloudflareKeepsLimiting() {
        sandbox.server().faults().injectAlways(ZONES, Fault.rateLimited(1));

        assertThatThrownBy(() -> sandbox.client().listZones()).isInstanceOfSatisfying(CloudflareException.class, e -> {
            assertThat(e.kind()).isEqualTo(CloudflareException.Kind.RATE_LIMITED);
            assertThat(e.codes()).containsExactly(971);
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
        });
        assertThat(sandbox.server().calls(ZONES)).isEqualTo(3);
    }

    @Test
    void listZones_shouldBeRetried_whenGetAnswers500() {
        sandbox.server().faults().inject(ZONES, Fault.status(500, "{\"success\":false,\"errors\":[]}"), 1);

        assertThat(sandbox.client().listZones()).hasSize(2);
        assertThat(sandbox.server().calls(ZONES)).isEqualTo(2);
        assertThat(sandbox.sleeps()).hasSize(1);
    }

    @Test
    void createDnsRecord_shouldNotBeRetried_whenPostAnswers500() {
        String zone = sandbox.simulator().zoneId("example.com");
        sandbox.server()
                .faults()
                .inject(
                        CREATE_DNS,
                        Fault.status(
                                500,
                                "{\"success\":false,\"errors\":[{\"code\":10001,\"message\":\"Internal error\"}],\"messages\":[],\"result\":null}"),
                        1);

        assertThatThrownBy(() -> sandbox.client()
                        .createDnsRecord(zone, DnsRecordInput.managed("A", "app", "203.0.113.10", true)))
                .isInstanceOfSatisfying(CloudflareException.class, e -> {
                    assertThat(e.kind()).isEqualTo(CloudflareException.Kind.UNAVAILABLE);
                    assertThat(e.status()).isEqualTo(500);
                    assertThat(e.codes()).containsExactly(10001);
                });
        assertThat(sandbox.server().calls(CREATE_DNS)).isEqualTo(1);
        assertThat(sandbox.simulator().snapshot("example.com").dnsRecords()).isEmpty();
    }

    @Test
    void listZones_shouldBeRetried_whenConnectionIsDropped() {
        // Two drops: the JDK client's own stale-connection repeat absorbs the first, our retry the second.
        sandbox.server().faults().inject(ZONES, Fault.drop(), 2);

        assertThat(sandbox.client().listZones()).hasSize(2);
        assertThat(sandbox.server().calls(ZONES)).isEqualTo(3);
        assertThat(sandbox.sleeps()).hasSize(1);
    }

    @Test
    void createDnsRecord_shouldThrowTransport_whenConnectionIsDroppedOnPost() {
        String zone = sandbox.simulator().zoneId("example.com");
        sandbox.server().faults().inject(CREATE_DNS, Fault.drop(), 1);

        assertThatThrownBy(() -> sandbox.client()
                        .createDnsRecord(zone, DnsRecordInput.managed("A", "app", "203.0.113.10", true)))
                .isInstanceOfSatisfying(CloudflareException.class, e -> assertThat(e.kind())
                        .isEqualTo(CloudflareException.Kind.TRANSPORT));
        assertThat(sandbox.server().calls(CREATE_DNS)).isEqualTo(1);
    }

    @Test
    void wrongToken_shouldFailWithTheEndpointFamilysRealError() {
        CloudflareClient wrong = sandbox.client("wrong_token_0000000000000000000000000000");

        assertAuthFailure(wrong::verifyToken, 401, 1000);
        assertAuthFailure(wrong::listZones, 403, 9109);
        assertAuthFailure(wrong::listAccounts, 403, 9109);
        assertAuthFailure(() -> wrong.listKvNamespaces(sandbox.accountId()), 401, 10000);
    }

    @Test
    void revokeToken_shouldMakeTheTokenFail_fromThenOn() {
        assertThat(sandbox.client().verifyToken().isActive()).isTrue();

        sandbox.simulator().revokeToken(CloudflareSimConfig.SANDBOX_TOKEN);

        assertAuthFailure(() -> sandbox.client().verifyToken(), 401, 1000);
    }

    @Test
    void verify_shouldAnswer1001_whenAuthorizationHeaderIsMissing() throws Exception {
        HttpResponse<String> response = raw("GET", "/user/tokens/verify", null, null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).at("/errors/0/code").asInt()).isEqualTo(1001);
    }

    @Test
    void verify_shouldAnswer6003With6111_whenBearerIsMalformed() throws Exception {
        HttpResponse<String> response = raw("GET", "/user/tokens/verify", "Bearer not-a-token", null);

        JsonNode body = JSON.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(body.at("/errors/0/code").asInt()).isEqualTo(6003);
        assertThat(body.at("/errors/0/error_chain/0/code").asInt()).isEqualTo(6111);
    }

    @Test
    void adminFaults_shouldBeArmedOverHttp_andCountersReadAndResetOverHttp() throws Exception {
        // given
        HttpResponse<String> armed = admin(
                "POST",
                "/faults",
                Map.of(
                        "route",
                        ZONES,
                        "type",
                        "status",
                        "status",
                        503,
                        "body",
                        Map.of("success", false, "errors", java.util.List.of()),
                        "times",
                        1));

        // when
        sandbox.client().listZones();

        // then
        assertThat(armed.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(admin("GET", "/calls", null).body())
                        .path(ZONES)
                        .asInt())
                .isEqualTo(2);
        assertThat(admin("DELETE", "/calls", null).statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(admin("GET", "/calls", null).body()).size()).isZero();
        assertThat(sandbox.server().calls(ZONES)).isZero();
    }

    @Test
    void adminFaults_shouldRejectUnknownRoutes_andClearOverHttp() throws Exception {
        assertThat(admin("POST", "/faults", Map.of("route", "GET /nope", "type", "drop"))
                        .statusCode())
                .isEqualTo(400);

        admin("POST", "/faults", Map.of("route", ZONES, "type", "rate_limit", "retry_after", 3));
        assertThat(JSON.readTree(admin("GET", "/faults", null).body()).size()).isEqualTo(1);
        admin("DELETE", "/faults", null);

        assertThat(sandbox.client().listZones()).hasSize(2);
        assertThat(sandbox.sleeps()).isEmpty();
    }

    @Test
    void adminTokens_shouldRevokeAndAddTokensOverHttp() throws Exception {
        admin("POST", "/tokens/revoke", Map.of("token", CloudflareSimConfig.SANDBOX_TOKEN));
        assertAuthFailure(() -> sandbox.client().listZones(), 403, 9109);

        admin("POST", "/tokens", Map.of("token", "second_token"));
        assertThat(sandbox.client("second_token").listZones()).hasSize(2);
    }

    @Test
    void adminSnapshot_shouldServeTheZoneStateAsJson() throws Exception {
        sandbox.client().updateZoneSetting(sandbox.simulator().zoneId("example.org"), ZoneSetting.Id.SSL, "full");

        JsonNode snapshot =
                JSON.readTree(admin("GET", "/zones/example.org/snapshot", null).body());

        assertThat(snapshot.at("/settings/ssl").asText()).isEqualTo("full");
        assertThat(admin("GET", "/origin-ca.pem", null).body()).startsWith("-----BEGIN CERTIFICATE-----");
    }

    private static void assertAuthFailure(Runnable call, int status, int code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(CloudflareException.class, e -> {
            assertThat(e.kind()).isEqualTo(CloudflareException.Kind.UNAUTHORIZED);
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.codes()).contains(code);
            assertThat(e.getMessage()).doesNotContain(CloudflareSimConfig.SANDBOX_TOKEN);
        });
    }

    private HttpResponse<String> raw(String method, String path, String authorization, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(sandbox.simulator().baseUri() + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return CloudflareSandbox.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> admin(String method, String path, Object body)
            throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + sandbox.server().port() + "/__admin" + path);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        return CloudflareSandbox.http().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
