package dev.xanthus.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xanthus.api.testing.ApiClient;
import dev.xanthus.api.testing.CloudflareSandbox;
import dev.xanthus.api.testing.WebTestApp;
import dev.xanthus.core.account.AccountCsr;
import dev.xanthus.core.testing.JwtAttacks;
import dev.xanthus.core.testing.LocalDynamo;
import dev.xanthus.core.testing.TestEnv;
import dev.xanthus.sandbox.cloudflare.CloudflareSimConfig;
import dev.xanthus.sandbox.cloudflare.CloudflareSimulator;
import dev.xanthus.sandbox.http.Fault;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/** Sign-in end to end over HTTP: real Tomcat, dynalite, and the Cloudflare simulator. */
@SpringBootTest(classes = WebTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = CloudflareSandbox.class)
@ExtendWith(OutputCaptureExtension.class)
class AuthIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CloudflareSimulator SIM = CloudflareSandbox.SIM;
    private static final String VERIFY = "GET /user/tokens/verify";
    private static final String ACCOUNT_VERIFY = "GET /accounts/{account_id}/tokens/verify";
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> tokensUsed = new ArrayList<>();

    @LocalServerPort
    int port;

    @AfterEach
    void clearFaults() {
        SIM.server().faults().clear();
    }

    private String newToken() {
        String token = "tok_" + UUID.randomUUID().toString().replace("-", "");
        SIM.addToken(token);
        tokensUsed.add(token);
        return token;
    }

    private HttpResponse<String> post(String path, String body, String jwt) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (jwt != null) {
            b.header("Authorization", "Bearer " + jwt);
        }
        return checked(http.send(b.build(), HttpResponse.BodyHandlers.ofString()));
    }

    private HttpResponse<String> me(String jwt) throws Exception {
        return checked(http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/auth/me"))
                        .header("Authorization", "Bearer " + jwt)
                        .build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    /** Holds the answer to openapi.yaml, as ApiClient does for the other tests. */
    private static HttpResponse<String> checked(HttpResponse<String> response) {
        dev.xanthus.api.testing.ApiContract.check(
                response.request().method(), response.request().uri(), response);
        return response;
    }

    private HttpResponse<String> login(String token, String accountId) throws Exception {
        String body = accountId == null
                ? JSON.writeValueAsString(Map.of("token", token))
                : JSON.writeValueAsString(Map.of("token", token, "accountId", accountId));
        return post("/api/auth/login", body, null);
    }

    private static JsonNode data(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asText()).isEqualTo("success");
        return body.path("data");
    }

    private static String code(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).path("error").path("code").asText();
    }

    private String namespaceId(String accountId) throws Exception {
        JsonNode d = data(login(newToken(), accountId));
        return d.path("namespace_id").asText();
    }

    @Test
    void login_shouldIssueJwt_createNamespaceAndGoShapedCsr_andListAccounts() throws Exception {
        JsonNode d = data(login(newToken(), null));

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
        String token = newToken();
        JsonNode first = data(login(token, null));
        String csrBefore = SIM.kvValue(
                        first.path("account_id").asText(),
                        first.path("namespace_id").asText(),
                        AccountCsr.KV_KEY)
                .orElseThrow();
        int verifies = SIM.server().calls(VERIFY);
        int creates = SIM.server().calls("POST /accounts/{account_id}/storage/kv/namespaces");

        CloudflareSandbox.CLOCK.advance(Duration.ofMinutes(9));
        JsonNode second = data(login(token, null));

        assertThat(SIM.server().calls(VERIFY)).isEqualTo(verifies);
        assertThat(second.path("namespace_id").asText())
                .isEqualTo(first.path("namespace_id").asText());

        CloudflareSandbox.CLOCK.advance(Duration.ofMinutes(2));
        JsonNode third = data(login(token, null));

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

        JsonNode d = data(login(newToken(), CloudflareSandbox.THIRD_ACCOUNT));

        assertThat(d.path("account_id").asText()).isEqualTo(CloudflareSandbox.THIRD_ACCOUNT);
        assertThat(d.path("namespace_id").asText()).isEqualTo(namespace);
        assertThat(SIM.kvValue(CloudflareSandbox.THIRD_ACCOUNT, namespace, AccountCsr.KV_KEY))
                .hasValue(goRecord);
    }

    @Test
    void login_shouldRefuseAnAccountTheTokenCannotReach() throws Exception {
        HttpResponse<String> response = login(newToken(), "0123456789abcdef0123456789abcdef");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(code(response)).isEqualTo("ACCOUNT_NOT_REACHABLE");
    }

    @Test
    void wrongToken_shouldBe401WithPermissionsHint_andMalformedTokens400BeforeAnyUpstreamCall() throws Exception {
        CloudflareSandbox.CLOCK.advance(Duration.ofMinutes(1));
        HttpResponse<String> wrong = login("wrong_token_value_1234567890", null);
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
            HttpResponse<String> response = login(malformed, null);
            assertThat(response.statusCode()).as(malformed).isEqualTo(400);
            assertThat(code(response)).isEqualTo("INVALID_TOKEN_FORMAT");
        }
        assertThat(post("/api/auth/login", "{\"token\": 42", null).statusCode()).isEqualTo(400);
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

        HttpResponse<String> response = login(newToken(), null);

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(code(response)).isEqualTo("CLOUDFLARE_UNAVAILABLE");
        assertThat(JSON.readTree(response.body()).path("error").path("message").asText())
                .startsWith("Cloudflare answered HTTP 503");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("/user/tokens");
    }

    @Test
    void cloudflareUnreachable_shouldBe502NamingCloudflareAndWhatHappened() throws Exception {
        SIM.server().faults().injectAlways("GET /user/tokens/verify", Fault.drop());

        HttpResponse<String> response = login(newToken(), null);

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(code(response)).isEqualTo("CLOUDFLARE_UNREACHABLE");
        assertThat(JSON.readTree(response.body()).path("error").path("message").asText())
                .isEqualTo("Cloudflare: 127.0.0.1 closed the connection without an answer. Check this server's network "
                        + "connection, then try again.");
    }

    @Test
    void validate_shouldAnswerValidWithAccountAndNamespace() throws Exception {
        String token = newToken();
        String namespace = namespaceId(null);

        JsonNode d = data(post("/api/auth/validate", JSON.writeValueAsString(Map.of("token", token)), null));

        assertThat(d.path("valid").asBoolean()).isTrue();
        assertThat(d.path("account_id").asText()).isEqualTo(CloudflareSimConfig.SANDBOX_ACCOUNT_ID);
        assertThat(d.path("namespace_id").asText()).isEqualTo(namespace);
    }

    @Test
    void me_shouldDescribeTheSession_andLogoutShouldRevokeTheSameJwtAtOnce() throws Exception {
        JsonNode login = data(login(newToken(), CloudflareSandbox.SECOND_ACCOUNT));
        String jwt = login.path("jwt_token").asText();

        JsonNode me = data(me(jwt));
        assertThat(me.path("account_id").asText()).isEqualTo(CloudflareSandbox.SECOND_ACCOUNT);
        assertThat(me.path("name").asText()).isEqualTo("Second account");
        assertThat(me.path("namespace_id").asText())
                .isEqualTo(login.path("namespace_id").asText());
        assertThat(me.path("session_expires_at").asText())
                .isEqualTo(login.path("expires_at").asText());

        data(post("/api/auth/logout", "", jwt));

        HttpResponse<String> after = me(jwt);
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(code(after)).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void logout_shouldEndTheSession_whileCloudflareIsUnreachable_evenWhenTheTokenIsDueForReverification()
            throws Exception {
        String jwt = data(login(newToken(), null)).path("jwt_token").asText();
        CloudflareSandbox.CLOCK.advance(Duration.ofMinutes(11));
        SIM.server()
                .routeKeys()
                .forEach(route -> SIM.server().faults().injectAlways(route, dev.xanthus.sandbox.http.Fault.drop()));
        int callsBefore = SIM.server().calls().values().stream()
                .mapToInt(Integer::intValue)
                .sum();

        data(post("/api/auth/logout", "", jwt));

        assertThat(SIM.server().calls().values().stream()
                        .mapToInt(Integer::intValue)
                        .sum())
                .isEqualTo(callsBefore);
        SIM.server().faults().clear();
        HttpResponse<String> after = me(jwt);
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(code(after)).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void aDeletedNamespace_shouldEndTheSession_andTheNextSignInShouldMakeANewOneAtOnce() throws Exception {
        // given a session, whose namespace is then deleted (in the dashboard, or a local stack restarted)
        String token = newToken();
        JsonNode first = data(login(token, CloudflareSandbox.SECOND_ACCOUNT));
        String jwt = first.path("jwt_token").asText();
        String namespace = first.path("namespace_id").asText();
        SIM.deleteKvNamespace(CloudflareSandbox.SECOND_ACCOUNT, namespace);

        // when the next request reads KV
        HttpResponse<String> gone = ApiClient.send(port, "GET", "/api/v1/applications", null, jwt);

        // then: 401 KV_NAMESPACE_GONE, the session is over, and signing in again works at once (no 10-minute wait)
        assertThat(gone.statusCode()).isEqualTo(401);
        assertThat(code(gone)).isEqualTo("KV_NAMESPACE_GONE");
        assertThat(me(jwt).statusCode()).isEqualTo(401);
        JsonNode again = data(login(token, CloudflareSandbox.SECOND_ACCOUNT));
        assertThat(again.path("namespace_id").asText()).isNotEqualTo(namespace);
        HttpResponse<String> works = ApiClient.send(
                port,
                "GET",
                "/api/v1/applications",
                null,
                again.path("jwt_token").asText());
        assertThat(works.statusCode()).as(works.body()).isEqualTo(200);
    }

    @Test
    void jwtAttacks_shouldEachBe401WithOneGenericMessage() throws Exception {
        JsonNode login = data(login(newToken(), null));
        String jwt = login.path("jwt_token").asText();
        String sid = com.nimbusds.jwt.SignedJWT.parse(jwt).getJWTClaimsSet().getStringClaim("sid");
        var attacks = JwtAttacks.against(
                TestEnv.JWT_KEY,
                CloudflareSandbox.CLOCK.instant(),
                jwt,
                login.path("account_id").asText(),
                sid);
        String loggedOut = data(login(newToken(), null)).path("jwt_token").asText();
        data(post("/api/auth/logout", "", loggedOut));
        attacks.put("logged-out session", loggedOut);

        java.util.Set<String> messages = new java.util.HashSet<>();
        for (var attack : attacks.entrySet()) {
            HttpResponse<String> response = me(attack.getValue());
            assertThat(response.statusCode()).as(attack.getKey()).isEqualTo(401);
            messages.add(
                    JSON.readTree(response.body()).path("error").path("message").asText());
        }
        HttpResponse<String> noHeader = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/auth/me"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noHeader.statusCode()).isEqualTo(401);
        assertThat(messages).hasSize(1);
        assertThat(me(jwt).statusCode()).isEqualTo(200);
    }

    @Test
    void revokedToken_shouldStopWorkingWithinTheTenMinuteWindow() throws Exception {
        String token = newToken();
        String jwt = data(login(token, null)).path("jwt_token").asText();

        SIM.revokeToken(token);
        CloudflareSandbox.CLOCK.advance(Duration.ofMinutes(9));
        assertThat(me(jwt).statusCode()).isEqualTo(200);

        CloudflareSandbox.CLOCK.advance(Duration.ofMinutes(1));
        HttpResponse<String> revoked = me(jwt);
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(code(revoked)).isEqualTo("CLOUDFLARE_TOKEN_REVOKED");
        assertThat(me(jwt).statusCode()).isEqualTo(401);
    }

    @Test
    void liveToken_shouldBeReverifiedAfterTenMinutes_andKeepWorking() throws Exception {
        String jwt = data(login(newToken(), null)).path("jwt_token").asText();
        int verifies = SIM.server().calls(VERIFY);

        assertThat(me(jwt).statusCode()).isEqualTo(200);
        assertThat(SIM.server().calls(VERIFY)).isEqualTo(verifies);
        CloudflareSandbox.CLOCK.advance(Duration.ofMinutes(11));
        JsonNode me = data(me(jwt));

        assertThat(SIM.server().calls(VERIFY)).isEqualTo(verifies + 1);
        assertThat(me.path("token_validated_at").asText())
                .isEqualTo(CloudflareSandbox.CLOCK.instant().toString());
        data(me(jwt));
        assertThat(SIM.server().calls(VERIFY)).isEqualTo(verifies + 1);
    }

    @Test
    void accountOwnedToken_shouldSignIn_serveMe_andBeReverifiedAtItsAccountAfterTenMinutes() throws Exception {
        // given: a token owned by the sandbox account, which /user/tokens/verify refuses (401, code 1000)
        String token = "acct_" + UUID.randomUUID().toString().replace("-", "");
        SIM.addAccountToken(token, CloudflareSimConfig.SANDBOX_ACCOUNT_ID);
        int users = SIM.server().calls("GET /user");
        int accountVerifies = SIM.server().calls(ACCOUNT_VERIFY);

        // when
        JsonNode login = data(login(token, null));

        // then: signed in to its one account, verified at the account endpoint, /user never asked
        assertThat(login.path("account_id").asText()).isEqualTo(CloudflareSimConfig.SANDBOX_ACCOUNT_ID);
        assertThat(login.path("accounts")).hasSize(1);
        assertThat(login.path("namespace_id").asText()).isNotBlank();
        assertThat(SIM.server().calls(ACCOUNT_VERIFY)).isEqualTo(accountVerifies + 1);
        assertThat(SIM.server().calls("GET /user")).isEqualTo(users);
        String jwt = login.path("jwt_token").asText();
        assertThat(data(me(jwt)).path("account_id").asText()).isEqualTo(CloudflareSimConfig.SANDBOX_ACCOUNT_ID);

        // and ten minutes on, the session is re-verified at the account endpoint and keeps working
        CloudflareSandbox.CLOCK.advance(Duration.ofMinutes(11));
        JsonNode me = data(me(jwt));
        assertThat(me.path("token_validated_at").asText())
                .isEqualTo(CloudflareSandbox.CLOCK.instant().toString());
        assertThat(SIM.server().calls(ACCOUNT_VERIFY)).isEqualTo(accountVerifies + 2);

        // and once revoked, the next re-verification ends the session
        SIM.revokeToken(token);
        CloudflareSandbox.CLOCK.advance(Duration.ofMinutes(11));
        HttpResponse<String> revoked = me(jwt);
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(code(revoked)).isEqualTo("CLOUDFLARE_TOKEN_REVOKED");
    }

    @Test
    void login_shouldBe429WithRetryAfter_whenCloudflareRateLimitsTheToken() throws Exception {
        SIM.server().faults().inject(VERIFY, Fault.rateLimited(45), 1);

        HttpResponse<String> login = login(newToken(), null);

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
                all.add(http.sendAsync(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/auth/login"))
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
                assertThat(login("bad_token_" + i + "_abcdefghijklmnop", null).statusCode())
                        .as("attempt %d", i)
                        .isEqualTo(401);
            }
            HttpResponse<String> eleventh = login("bad_token_11_abcdefghijklmnop", null);

            assertThat(eleventh.statusCode()).isEqualTo(429);
            assertThat(code(eleventh)).isEqualTo("TOO_MANY_ATTEMPTS");
            assertThat(Integer.parseInt(
                            eleventh.headers().firstValue("Retry-After").orElseThrow()))
                    .isBetween(1, 60);
        } finally {
            CloudflareSandbox.CLOCK.advance(Duration.ofMinutes(1));
        }
        assertThat(login(newToken(), null).statusCode()).isEqualTo(200);
    }

    @Test
    void theCloudflareToken_shouldNeverAppearInResponsesLogsOrDynamoDb(CapturedOutput output) throws Exception {
        String token = newToken();
        HttpResponse<String> login = login(token, null);
        String jwt = data(login).path("jwt_token").asText();
        HttpResponse<String> me = me(jwt);
        CloudflareSandbox.CLOCK.advance(Duration.ofMinutes(11));
        HttpResponse<String> reverified = me(jwt);
        HttpResponse<String> validate =
                post("/api/auth/validate", JSON.writeValueAsString(Map.of("token", token)), null);

        for (HttpResponse<String> r : List.of(login, me, reverified, validate)) {
            assertThat(r.body()).doesNotContain(token);
            assertThat(r.headers().map().toString()).doesNotContain(token);
        }
        assertThat(output.getAll()).doesNotContain(token);
        var items = LocalDynamo.client()
                .scan(b -> b.tableName(CloudflareSandbox.env().get("TABLE_NAME")))
                .items();
        assertThat(items).isNotEmpty();
        for (String used : tokensUsed) {
            assertThat(items.toString()).doesNotContain(used);
        }
    }
}
