package dev.xanthus.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xanthus.api.testing.ApiClient;
import dev.xanthus.api.testing.CloudflareSandbox;
import dev.xanthus.api.testing.HetznerSandbox;
import dev.xanthus.api.testing.OverHttp;
import dev.xanthus.core.crypto.Hashes;
import dev.xanthus.core.dynamo.Items;
import dev.xanthus.core.testing.LocalDynamo;
import dev.xanthus.sandbox.cloudflare.CloudflareSimulator;
import dev.xanthus.sandbox.hetzner.HetznerSimulator;
import dev.xanthus.sandbox.http.Fault;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The token check at sign-in and on the settings page, and the Hetzner key's access, over HTTP against the simulators. */
@OverHttp(HetznerSandbox.class)
class PermissionsIT {

    private static final CloudflareSimulator SIM = CloudflareSandbox.SIM;
    private static final List<String> IDS =
            List.of("workers_kv", "account_settings", "zone", "dns", "zone_settings", "ssl_certificates", "page_rules");
    private static final List<String> PROBES = List.of(
            "GET /zones",
            "GET /zones/{zone_id}/dns_records",
            "GET /zones/{zone_id}/settings/{setting_id}",
            "GET /certificates",
            "GET /zones/{zone_id}/pagerules");
    private static final Set<String> ALL =
            Set.of("kv", "account_settings", "user_details", "zone", "dns", "zone_settings", "ssl", "page_rules");

    @LocalServerPort
    int port;

    @AfterEach
    void clearFaults() {
        SIM.server().faults().clear();
    }

    private static String scopedToken(Set<String> permissions) {
        String token = "tok_" + UUID.randomUUID().toString().replace("-", "");
        SIM.addScopedToken(token, permissions);
        return token;
    }

    private JsonNode login(String token) throws Exception {
        return ApiClient.data(ApiClient.send(port, "POST", "/api/auth/login", Map.of("token", token), null), 200);
    }

    /** id → status, in the answer's order. */
    private static Map<String, String> statuses(JsonNode permissions) {
        Map<String, String> statuses = new LinkedHashMap<>();
        permissions.forEach(
                p -> statuses.put(p.path("id").asText(), p.path("status").asText()));
        return statuses;
    }

    private static Map<String, Integer> probeCalls() {
        Map<String, Integer> calls = new LinkedHashMap<>();
        PROBES.forEach(route -> calls.put(route, SIM.server().calls(route)));
        return calls;
    }

    @Test
    void aFullToken_shouldHaveEveryPermissionOk_atSignInAndOnTheSettingsRoute() throws Exception {
        JsonNode login = login(scopedToken(ALL));

        assertThat(List.copyOf(statuses(login.path("permissions")).keySet())).isEqualTo(IDS);
        assertThat(statuses(login.path("permissions")))
                .allSatisfy((id, status) -> assertThat(status).isEqualTo("ok"));
        assertThat(login.path("permissions").get(3).path("name").asText()).isEqualTo("Zone · DNS: Edit");
        JsonNode settings = ApiClient.data(
                ApiClient.send(
                        port,
                        "GET",
                        "/api/auth/permissions",
                        null,
                        login.path("jwt_token").asText()),
                200);
        assertThat(settings.path("permissions")).isEqualTo(login.path("permissions"));
    }

    @Test
    void aTokenWithoutDnsAndPageRules_shouldSignIn_withThoseTwoMissing() throws Exception {
        JsonNode login =
                login(scopedToken(Set.of("kv", "account_settings", "user_details", "zone", "zone_settings", "ssl")));

        assertThat(login.path("jwt_token").asText()).isNotBlank();
        assertThat(statuses(login.path("permissions")).values())
                .containsExactly("ok", "ok", "ok", "missing", "ok", "ok", "missing"); // in the order of IDS
        assertThat(login.path("permissions")
                        .get(IDS.indexOf("page_rules"))
                        .path("name")
                        .asText())
                .isEqualTo("Zone · Page Rules: Edit");
    }

    @Test
    void aFreshSignIn_shouldProbeOncePerPermission_andACachedOneNotAtAll() throws Exception {
        String token = scopedToken(ALL);
        SIM.server().resetCalls();

        JsonNode first = login(token);
        Map<String, Integer> fresh = probeCalls();
        SIM.server().resetCalls();
        JsonNode second = login(token);

        assertThat(fresh).allSatisfy((route, n) -> assertThat(n).as(route).isEqualTo(1));
        assertThat(probeCalls())
                .allSatisfy((route, n) -> assertThat(n).as(route).isZero());
        assertThat(second.path("permissions")).isEqualTo(first.path("permissions"));
    }

    @Test
    void aValidationCachedBeforeTheCheck_shouldStillSignIn_checkedOnceAndKeptFromThen() throws Exception {
        String token = scopedToken(ALL);
        login(token);
        // What an item written before the token check looks like: no "permissions" attribute.
        LocalDynamo.client().updateItem(b -> b.tableName(HetznerSandbox.env().get("TABLE_NAME"))
                .key(Items.key("TOKEN#" + Hashes.sha256Hex(token), "VALIDATION#default"))
                .updateExpression("REMOVE #p")
                .expressionAttributeNames(Map.of("#p", "permissions")));
        SIM.server().resetCalls();

        JsonNode old = login(token);
        Map<String, Integer> checked = probeCalls();
        SIM.server().resetCalls();
        login(token);

        assertThat(statuses(old.path("permissions"))).containsEntry("dns", "ok").hasSize(IDS.size());
        assertThat(checked).allSatisfy((route, n) -> assertThat(n).as(route).isEqualTo(1));
        assertThat(SIM.server().calls("GET /user/tokens/verify")).isZero();
        assertThat(probeCalls())
                .allSatisfy((route, n) -> assertThat(n).as(route).isZero());
    }

    @Test
    void aProbeFailingWith5xx_shouldBeUnknownWithAReason_andTheSignInStill200() throws Exception {
        SIM.server()
                .faults()
                .inject(
                        "GET /zones/{zone_id}/pagerules",
                        Fault.status(
                                503,
                                "{\"success\":false,\"errors\":[{\"code\":10001,\"message\":\"Service unavailable\"}]}"),
                        10); // more than the GET retries

        JsonNode login = login(scopedToken(ALL));

        JsonNode pageRules = login.path("permissions").get(IDS.indexOf("page_rules"));
        assertThat(pageRules.path("status").asText()).isEqualTo("unknown");
        assertThat(pageRules.path("reason").asText()).contains("HTTP 503");
        assertThat(statuses(login.path("permissions"))).containsEntry("dns", "ok");
    }

    @Test
    void withoutZoneRead_zoneIsMissing_andTheZoneProbesUnknown() throws Exception {
        JsonNode login =
                login(scopedToken(Set.of("kv", "account_settings", "dns", "zone_settings", "ssl", "page_rules")));

        Map<String, String> statuses = statuses(login.path("permissions"));
        assertThat(statuses)
                .containsEntry("zone", "missing")
                .containsEntry("dns", "unknown")
                .containsEntry("page_rules", "unknown")
                .containsEntry("workers_kv", "ok");
    }

    @Test
    void theSettingsRoute_shouldCheckAfresh_andNeedASession() throws Exception {
        Set<String> withoutDns = Set.of("kv", "account_settings", "zone", "zone_settings", "ssl", "page_rules");
        String token = scopedToken(withoutDns);
        String jwt = login(token).path("jwt_token").asText();
        SIM.addScopedToken(token, ALL); // the user adds DNS to the token in the dashboard

        JsonNode now = ApiClient.data(ApiClient.send(port, "GET", "/api/auth/permissions", null, jwt), 200);

        assertThat(statuses(now.path("permissions"))).containsEntry("dns", "ok");
        HttpResponse<String> anonymous = ApiClient.send(port, "GET", "/api/auth/permissions", null, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(ApiClient.code(anonymous)).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void theHetznerKey_shouldBeReportedReadOnlyOrReadWrite_andStoredEitherWay() throws Exception {
        String jwt = ApiClient.signIn(port, "hetzner").jwt();
        String readOnly = "read_only_" + UUID.randomUUID().toString().replace("-", "");
        HetznerSandbox.SIM.addReadOnlyToken(readOnly);
        int keysBefore = HetznerSandbox.SIM.http().calls("POST /ssh_keys");

        JsonNode storedReadOnly = ApiClient.data(
                ApiClient.send(port, "PUT", "/api/v1/settings/hetzner", Map.of("key", readOnly), jwt), 200);
        JsonNode shownReadOnly =
                ApiClient.data(ApiClient.send(port, "GET", "/api/v1/settings/hetzner?access=true", null, jwt), 200);
        int probesBefore = HetznerSandbox.SIM.http().calls("POST /ssh_keys");
        JsonNode plain = ApiClient.data(ApiClient.send(port, "GET", "/api/v1/settings/hetzner", null, jwt), 200);
        assertThat(plain.path("exists").asBoolean()).isTrue();
        assertThat(plain.path("access").isNull() || plain.path("access").isMissingNode())
                .isTrue();
        assertThat(HetznerSandbox.SIM.http().calls("POST /ssh_keys")).isEqualTo(probesBefore);
        JsonNode storedReadWrite = ApiClient.data(
                ApiClient.send(
                        port, "PUT", "/api/v1/settings/hetzner", Map.of("key", HetznerSimulator.DEFAULT_TOKEN), jwt),
                200);
        JsonNode shownReadWrite =
                ApiClient.data(ApiClient.send(port, "GET", "/api/v1/settings/hetzner?access=true", null, jwt), 200);

        assertThat(storedReadOnly.path("exists").asBoolean()).isTrue();
        assertThat(storedReadOnly.path("access").asText()).isEqualTo("read_only");
        assertThat(shownReadOnly.path("access").asText()).isEqualTo("read_only");
        assertThat(storedReadWrite.path("access").asText()).isEqualTo("read_write");
        assertThat(shownReadWrite.path("access").asText()).isEqualTo("read_write");
        assertThat(HetznerSandbox.SIM.http().calls("POST /ssh_keys")).isEqualTo(keysBefore + 4);
        // The probe's invalid key created nothing.
        HttpResponse<String> keys = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create(HetznerSandbox.SIM.baseUri() + "/ssh_keys"))
                                .header("Authorization", "Bearer " + HetznerSimulator.DEFAULT_TOKEN)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(keys.statusCode()).isEqualTo(200);
        assertThat(keys.body()).doesNotContain("xanthus-access-check");
    }
}
