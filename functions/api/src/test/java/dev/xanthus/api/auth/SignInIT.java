package dev.xanthus.api.auth;

import static dev.xanthus.api.auth.AuthCalls.JSON;
import static dev.xanthus.api.auth.AuthCalls.SIM;
import static dev.xanthus.api.auth.AuthCalls.VERIFY;
import static dev.xanthus.api.auth.AuthCalls.code;
import static dev.xanthus.api.auth.AuthCalls.data;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xanthus.api.testing.CloudflareSandbox;
import dev.xanthus.core.account.AccountCsr;
import dev.xanthus.core.testing.LocalDynamo;
import dev.xanthus.sandbox.cloudflare.CloudflareSimConfig;
import dev.xanthus.sandbox.http.Fault;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Signing in over HTTP (real Tomcat, dynalite, the Cloudflare simulator): the JWT, the namespace and the Go-shaped
 * CSR, the 10-minute validation cache, the chosen account; and what a sign-in refuses or reports (a wrong or
 * malformed token, Cloudflare down, unreachable or rate-limiting, brute force) without the token ever showing.
 */
@ExtendWith(OutputCaptureExtension.class)
class SignInIT extends AuthOverHttp {

    @Test
    void login_shouldIssueJwt_createNamespaceAndGoShapedCsr_andListAccounts() throws Exception {
        JsonNode d = data(api.login(api.newToken(), null));

        assertThat(d.path("jwt_token").asText()).isNotBlank();
        assertThat(d.path("account_id").asText()).isEqualTo(CloudflareSimConfig.SANDBOX_ACCOUNT_ID);
        assertThat(d.path("accounts")).hasSize(4);
        assertThat(d.path("expires_at").asText())
                .isEqualTo(CloudflareSandbox.CLOCK
                        .instant()
                        .plus(Duration.ofHours(24))
                        .toString());
        String csrJson = SIM.kvValue(
                        CloudflareSimConfig.SANDBOX_ACCOUNT_ID,
                        d.path("namespace_id").asText(),
                        AccountCsr.KV_KEY)
                .orElseThrow();
        JsonNode csr = JSON.readTree(csrJson);
        assertThat(csr.fieldNames()).toIterable().containsExactlyInAnyOrder("csr", "private_key", "created_at");
        try (PEMParser parser = new PEMParser(new StringReader(csr.path("csr").asText()))) {
            assertThat(((PKCS10CertificationRequest) parser.readObject())
                            .getSubject()
                            .toString())
                    .isEqualTo("C=US,O=Xanthus K3s Deployment,OU=IT");
        }
    }

    @Test
    void secondLoginWithin10Minutes_shouldCallCloudflareVerifyZeroTimes_andReuseNamespaceAndCsr() throws Exception {
        String token = api.newToken();
        JsonNode first = data(api.login(token, null));
        String csrBefore = SIM.kvValue(
                        first.path("account_id").asText(),
                        first.path("namespace_id").asText(),
                        AccountCsr.KV_KEY)
                .orElseThrow();
        int verifies = SIM.server().calls(VERIFY);
        int creates = SIM.server().calls("POST /accounts/{account_id}/storage/kv/namespaces");

        CloudflareSandbox.CLOCK.advance(Duration.ofMinutes(9));
        JsonNode second = data(api.login(token, null));

        assertThat(SIM.server().calls(VERIFY)).isEqualTo(verifies);
        assertThat(second.path("namespace_id").asText())
                .isEqualTo(first.path("namespace_id").asText());

        CloudflareSandbox.CLOCK.advance(Duration.ofMinutes(2));
        JsonNode third = data(api.login(token, null));

        assertThat(SIM.server().calls(VERIFY)).isEqualTo(verifies + 1);
        assertThat(SIM.server().calls("POST /accounts/{account_id}/storage/kv/namespaces"))
                .isEqualTo(creates);
        assertThat(third.path("namespace_id").asText())
                .isEqualTo(first.path("namespace_id").asText());
        assertThat(SIM.kvValue(
                        first.path("account_id").asText(),
                        first.path("namespace_id").asText(),
                        AccountCsr.KV_KEY))
                .hasValue(csrBefore);
    }

    @Test
    void login_shouldKeepAnExistingGoCsrRecordUnchanged_andHonourTheChosenAccount() throws Exception {
        String namespace = SIM.createKvNamespace(CloudflareSandbox.THIRD_ACCOUNT, "Xanthus");
        String goRecord = JSON.readTree(getClass().getResourceAsStream("/go-fixtures/fixture.json"))
                .path("kv_config_ssl_csr")
                .asText();
        SIM.putKvValues(CloudflareSandbox.THIRD_ACCOUNT, namespace, Map.of(AccountCsr.KV_KEY, goRecord));

        JsonNode d = data(api.login(api.newToken(), CloudflareSandbox.THIRD_ACCOUNT));

        assertThat(d.path("account_id").asText()).isEqualTo(CloudflareSandbox.THIRD_ACCOUNT);
        assertThat(d.path("namespace_id").asText()).isEqualTo(namespace);
        assertThat(SIM.kvValue(CloudflareSandbox.THIRD_ACCOUNT, namespace, AccountCsr.KV_KEY))
                .hasValue(goRecord);
    }

    @Test
    void login_shouldRefuseAnAccountTheTokenCannotReach() throws Exception {
        HttpResponse<String> response = api.login(api.newToken(), "0123456789abcdef0123456789abcdef");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(code(response)).isEqualTo("ACCOUNT_NOT_REACHABLE");
    }

    @Test
    void wrongToken_shouldBe401WithPermissionsHint_andMalformedTokens400BeforeAnyUpstreamCall() throws Exception {
        CloudflareSandbox.CLOCK.advance(Duration.ofMinutes(1));
        HttpResponse<String> wrong = api.login("wrong_token_value_1234567890", null);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(code(wrong)).isEqualTo("INVALID_CLOUDFLARE_TOKEN");
        assertThat(JSON.readTree(wrong.body()).path("error").path("message").asText())
                .contains("Workers KV Storage: Edit")
                .contains("DNS: Edit")
                .contains("SSL and Certificates: Edit");

        int before = SIM.server().calls().values().stream()
                .mapToInt(Integer::intValue)
                .sum();
        for (String malformed : List.of("", "has space", "x".repeat(257), "semi;colon", "quote\"s")) {
            HttpResponse<String> response = api.login(malformed, null);
            assertThat(response.statusCode()).as(malformed).isEqualTo(400);
            assertThat(code(response)).isEqualTo("INVALID_TOKEN_FORMAT");
        }
        assertThat(api.post("/api/auth/login", "{\"token\": 42", null).statusCode())
                .isEqualTo(400);
        assertThat(SIM.server().calls().values().stream()
                        .mapToInt(Integer::intValue)
                        .sum())
                .isEqualTo(before);
    }

    @Test
    void cloudflareDown_shouldBe502WithoutInternals() throws Exception {
        SIM.server()
                .faults()
                .injectAlways("GET /user/tokens/verify", Fault.status(503, "{\"success\":false,\"errors\":[]}"));

        HttpResponse<String> response = api.login(api.newToken(), null);

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(code(response)).isEqualTo("CLOUDFLARE_UNAVAILABLE");
        assertThat(JSON.readTree(response.body()).path("error").path("message").asText())
                .startsWith("Cloudflare answered HTTP 503");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("/user/tokens");
    }

    @Test
    void cloudflareUnreachable_shouldBe502NamingCloudflareAndWhatHappened() throws Exception {
        SIM.server().faults().injectAlways("GET /user/tokens/verify", Fault.drop());

        HttpResponse<String> response = api.login(api.newToken(), null);

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(code(response)).isEqualTo("CLOUDFLARE_UNREACHABLE");
        assertThat(JSON.readTree(response.body()).path("error").path("message").asText())
                .isEqualTo("Cloudflare: 127.0.0.1 closed the connection without an answer. Check this server's network "
                        + "connection, then try again.");
    }

    @Test
    void login_shouldBe429WithRetryAfter_whenCloudflareRateLimitsTheToken() throws Exception {
        SIM.server().faults().inject(VERIFY, Fault.rateLimited(45), 1);

        HttpResponse<String> login = api.login(api.newToken(), null);

        assertThat(login.statusCode()).as(login.body()).isEqualTo(429);
        assertThat(login.headers().firstValue("Retry-After")).contains("45");
        assertThat(code(login)).isEqualTo("CLOUDFLARE_RATE_LIMITED");
    }

    @Test
    void bruteForce_100ParallelBadLogins_shouldLetExactly10ReachCloudflare() throws Exception {
        CloudflareSandbox.CLOCK.advance(Duration.ofMinutes(1));
        Map<String, Integer> before = Map.copyOf(SIM.server().calls());
        try {
            List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                all.add(api.http.sendAsync(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port + "/api/auth/login"))
                                .header("Content-Type", "application/json")
                                // Headers anyone can set, each request claiming another viewer: none may split the
                                // address's count.
                                .header("X-Forwarded-For", "198.51.100." + i)
                                .header("CloudFront-Viewer-Address", "198.51.100." + i + ":443")
                                .header("X-Real-IP", "198.51.100." + i)
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"token\":\"parallel_bad_token_" + i + "_abcdefghij\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            Map<Integer, Integer> statuses = new java.util.TreeMap<>();
            for (var response : all) {
                statuses.merge(response.get().statusCode(), 1, Integer::sum);
            }

            // Read-then-increment let every request that read before the first failure was written through (24 of 100).
            assertThat(statuses).isEqualTo(Map.of(401, 10, 429, 90));
            // A refused token costs the same calls each time (the user-token check, then the account-token one): each
            // route Cloudflare saw was called by exactly the 10 attempts let through.
            Map<String, Integer> reached = new java.util.TreeMap<>();
            SIM.server().calls().forEach((route, n) -> {
                if (n - before.getOrDefault(route, 0) != 0) {
                    reached.put(route, n - before.getOrDefault(route, 0));
                }
            });
            assertThat(reached)
                    .containsEntry(VERIFY, 10)
                    .allSatisfy((route, n) -> assertThat(n).as(route).isEqualTo(10));
        } finally {
            CloudflareSandbox.CLOCK.advance(Duration.ofMinutes(1));
        }
    }

    @Test
    void bruteForce_the11thBadLoginInAMinute_shouldBe429WithRetryAfter() throws Exception {
        CloudflareSandbox.CLOCK.advance(Duration.ofMinutes(1));
        try {
            for (int i = 1; i <= 10; i++) {
                assertThat(api.login("bad_token_" + i + "_abcdefghijklmnop", null)
                                .statusCode())
                        .as("attempt %d", i)
                        .isEqualTo(401);
            }
            HttpResponse<String> eleventh = api.login("bad_token_11_abcdefghijklmnop", null);

            assertThat(eleventh.statusCode()).isEqualTo(429);
            assertThat(code(eleventh)).isEqualTo("TOO_MANY_ATTEMPTS");
            assertThat(Integer.parseInt(
                            eleventh.headers().firstValue("Retry-After").orElseThrow()))
                    .isBetween(1, 60);
        } finally {
            CloudflareSandbox.CLOCK.advance(Duration.ofMinutes(1));
        }
        assertThat(api.login(api.newToken(), null).statusCode()).isEqualTo(200);
    }

    @Test
    void theCloudflareToken_shouldNeverAppearInResponsesLogsOrDynamoDb(CapturedOutput output) throws Exception {
        String token = api.newToken();
        HttpResponse<String> login = api.login(token, null);
        String jwt = data(login).path("jwt_token").asText();
        HttpResponse<String> me = api.me(jwt);
        CloudflareSandbox.CLOCK.advance(Duration.ofMinutes(11));
        HttpResponse<String> reverified = api.me(jwt);
        HttpResponse<String> validate =
                api.post("/api/auth/validate", JSON.writeValueAsString(Map.of("token", token)), null);

        for (HttpResponse<String> r : List.of(login, me, reverified, validate)) {
            assertThat(r.body()).doesNotContain(token);
            assertThat(r.headers().map().toString()).doesNotContain(token);
        }
        assertThat(output.getAll()).doesNotContain(token);
        var items = LocalDynamo.client()
                .scan(b -> b.tableName(CloudflareSandbox.env().get("TABLE_NAME")))
                .items();
        assertThat(items).isNotEmpty();
        for (String used : api.tokensUsed) {
            assertThat(items.toString()).doesNotContain(used);
        }
    }
}
