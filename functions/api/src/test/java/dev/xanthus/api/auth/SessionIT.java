package dev.xanthus.api.auth;

import static dev.xanthus.api.auth.AuthCalls.ACCOUNT_VERIFY;
import static dev.xanthus.api.auth.AuthCalls.JSON;
import static dev.xanthus.api.auth.AuthCalls.SIM;
import static dev.xanthus.api.auth.AuthCalls.VERIFY;
import static dev.xanthus.api.auth.AuthCalls.code;
import static dev.xanthus.api.auth.AuthCalls.data;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xanthus.api.testing.ApiClient;
import dev.xanthus.api.testing.CloudflareSandbox;
import dev.xanthus.core.testing.JwtAttacks;
import dev.xanthus.core.testing.TestEnv;
import dev.xanthus.sandbox.cloudflare.CloudflareSimConfig;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A signed-in session over HTTP: validate and me, logout ending it everywhere at once (even while Cloudflare is
 * unreachable), re-verification after ten minutes for user and account-owned tokens, a revoked token or a deleted
 * namespace ending it, and forged JWTs refused alike.
 */
class SessionIT extends AuthOverHttp {

    @Test
    void validate_shouldAnswerValidWithAccountAndNamespace() throws Exception {
        String token = api.newToken();
        String namespace = api.namespaceId(null);

        JsonNode d = data(api.post("/api/auth/validate", JSON.writeValueAsString(Map.of("token", token)), null));

        assertThat(d.path("valid").asBoolean()).isTrue();
        assertThat(d.path("account_id").asText()).isEqualTo(CloudflareSimConfig.SANDBOX_ACCOUNT_ID);
        assertThat(d.path("namespace_id").asText()).isEqualTo(namespace);
    }

    @Test
    void me_shouldDescribeTheSession_andLogoutShouldRevokeTheSameJwtAtOnce() throws Exception {
        JsonNode login = data(api.login(api.newToken(), CloudflareSandbox.SECOND_ACCOUNT));
        String jwt = login.path("jwt_token").asText();

        JsonNode me = data(api.me(jwt));
        assertThat(me.path("account_id").asText()).isEqualTo(CloudflareSandbox.SECOND_ACCOUNT);
        assertThat(me.path("name").asText()).isEqualTo("Second account");
        assertThat(me.path("namespace_id").asText())
                .isEqualTo(login.path("namespace_id").asText());
        assertThat(me.path("session_expires_at").asText())
                .isEqualTo(login.path("expires_at").asText());

        data(api.post("/api/auth/logout", "", jwt));

        HttpResponse<String> after = api.me(jwt);
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(code(after)).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void logout_shouldEndTheSession_whileCloudflareIsUnreachable_evenWhenTheTokenIsDueForReverification()
            throws Exception {
        String jwt = data(api.login(api.newToken(), null)).path("jwt_token").asText();
        CloudflareSandbox.CLOCK.advance(Duration.ofMinutes(11));
        SIM.server()
                .routeKeys()
                .forEach(route -> SIM.server().faults().injectAlways(route, dev.xanthus.sandbox.http.Fault.drop()));
        int callsBefore = SIM.server().calls().values().stream()
                .mapToInt(Integer::intValue)
                .sum();

        data(api.post("/api/auth/logout", "", jwt));

        assertThat(SIM.server().calls().values().stream()
                        .mapToInt(Integer::intValue)
                        .sum())
                .isEqualTo(callsBefore);
        SIM.server().faults().clear();
        HttpResponse<String> after = api.me(jwt);
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(code(after)).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void aDeletedNamespace_shouldEndTheSession_andTheNextSignInShouldMakeANewOneAtOnce() throws Exception {
        // given a session, whose namespace is then deleted (in the dashboard, or a local stack restarted)
        String token = api.newToken();
        JsonNode first = data(api.login(token, CloudflareSandbox.SECOND_ACCOUNT));
        String jwt = first.path("jwt_token").asText();
        String namespace = first.path("namespace_id").asText();
        SIM.deleteKvNamespace(CloudflareSandbox.SECOND_ACCOUNT, namespace);

        // when the next request reads KV
        HttpResponse<String> gone = ApiClient.send(api.port, "GET", "/api/v1/applications", null, jwt);

        // then: 401 KV_NAMESPACE_GONE, the session is over, and signing in again works at once (no 10-minute wait)
        assertThat(gone.statusCode()).isEqualTo(401);
        assertThat(code(gone)).isEqualTo("KV_NAMESPACE_GONE");
        assertThat(api.me(jwt).statusCode()).isEqualTo(401);
        JsonNode again = data(api.login(token, CloudflareSandbox.SECOND_ACCOUNT));
        assertThat(again.path("namespace_id").asText()).isNotEqualTo(namespace);
        HttpResponse<String> works = ApiClient.send(
                api.port,
                "GET",
                "/api/v1/applications",
                null,
                again.path("jwt_token").asText());
        assertThat(works.statusCode()).as(works.body()).isEqualTo(200);
    }

    @Test
    void jwtAttacks_shouldEachBe401WithOneGenericMessage() throws Exception {
        JsonNode login = data(api.login(api.newToken(), null));
        String jwt = login.path("jwt_token").asText();
        String sid = com.nimbusds.jwt.SignedJWT.parse(jwt).getJWTClaimsSet().getStringClaim("sid");
        var attacks = JwtAttacks.against(
                TestEnv.JWT_KEY,
                CloudflareSandbox.CLOCK.instant(),
                jwt,
                login.path("account_id").asText(),
                sid);
        String loggedOut =
                data(api.login(api.newToken(), null)).path("jwt_token").asText();
        data(api.post("/api/auth/logout", "", loggedOut));
        attacks.put("logged-out session", loggedOut);

        java.util.Set<String> messages = new java.util.HashSet<>();
        for (var attack : attacks.entrySet()) {
            HttpResponse<String> response = api.me(attack.getValue());
            assertThat(response.statusCode()).as(attack.getKey()).isEqualTo(401);
            messages.add(
                    JSON.readTree(response.body()).path("error").path("message").asText());
        }
        HttpResponse<String> noHeader = api.http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port + "/api/auth/me"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noHeader.statusCode()).isEqualTo(401);
        assertThat(messages).hasSize(1);
        assertThat(api.me(jwt).statusCode()).isEqualTo(200);
    }

    @Test
    void revokedToken_shouldStopWorkingWithinTheTenMinuteWindow() throws Exception {
        String token = api.newToken();
        String jwt = data(api.login(token, null)).path("jwt_token").asText();

        SIM.revokeToken(token);
        CloudflareSandbox.CLOCK.advance(Duration.ofMinutes(9));
        assertThat(api.me(jwt).statusCode()).isEqualTo(200);

        CloudflareSandbox.CLOCK.advance(Duration.ofMinutes(1));
        HttpResponse<String> revoked = api.me(jwt);
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(code(revoked)).isEqualTo("CLOUDFLARE_TOKEN_REVOKED");
        assertThat(api.me(jwt).statusCode()).isEqualTo(401);
    }

    @Test
    void liveToken_shouldBeReverifiedAfterTenMinutes_andKeepWorking() throws Exception {
        String jwt = data(api.login(api.newToken(), null)).path("jwt_token").asText();
        int verifies = SIM.server().calls(VERIFY);

        assertThat(api.me(jwt).statusCode()).isEqualTo(200);
        assertThat(SIM.server().calls(VERIFY)).isEqualTo(verifies);
        CloudflareSandbox.CLOCK.advance(Duration.ofMinutes(11));
        JsonNode me = data(api.me(jwt));

        assertThat(SIM.server().calls(VERIFY)).isEqualTo(verifies + 1);
        assertThat(me.path("token_validated_at").asText())
                .isEqualTo(CloudflareSandbox.CLOCK.instant().toString());
        data(api.me(jwt));
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
        JsonNode login = data(api.login(token, null));

        // then: signed in to its one account, verified at the account endpoint, /user never asked
        assertThat(login.path("account_id").asText()).isEqualTo(CloudflareSimConfig.SANDBOX_ACCOUNT_ID);
        assertThat(login.path("accounts")).hasSize(1);
        assertThat(login.path("namespace_id").asText()).isNotBlank();
        assertThat(SIM.server().calls(ACCOUNT_VERIFY)).isEqualTo(accountVerifies + 1);
        assertThat(SIM.server().calls("GET /user")).isEqualTo(users);
        String jwt = login.path("jwt_token").asText();
        assertThat(data(api.me(jwt)).path("account_id").asText()).isEqualTo(CloudflareSimConfig.SANDBOX_ACCOUNT_ID);

        // and ten minutes on, the session is re-verified at the account endpoint and keeps working
        CloudflareSandbox.CLOCK.advance(Duration.ofMinutes(11));
        JsonNode me = data(api.me(jwt));
        assertThat(me.path("token_validated_at").asText())
                .isEqualTo(CloudflareSandbox.CLOCK.instant().toString());
        assertThat(SIM.server().calls(ACCOUNT_VERIFY)).isEqualTo(accountVerifies + 2);

        // and once revoked, the next re-verification ends the session
        SIM.revokeToken(token);
        CloudflareSandbox.CLOCK.advance(Duration.ofMinutes(11));
        HttpResponse<String> revoked = api.me(jwt);
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(code(revoked)).isEqualTo("CLOUDFLARE_TOKEN_REVOKED");
    }
}
