package dev.xanthus.api.dns;

import static dev.xanthus.api.dns.DomainsSandbox.SIM;
import static dev.xanthus.api.dns.DomainsSandbox.zone;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xanthus.api.testing.WebTestApp;
import dev.xanthus.clients.cloudflare.CloudflareClient;
import dev.xanthus.clients.cloudflare.DnsRecordInput;
import dev.xanthus.clients.cloudflare.HttpCloudflareClient;
import dev.xanthus.clients.cloudflare.KvKey;
import dev.xanthus.clients.cloudflare.PageRuleInput;
import dev.xanthus.clients.cloudflare.ZoneSetting;
import dev.xanthus.core.account.AccountCsr;
import dev.xanthus.core.dns.ConfigureStep;
import dev.xanthus.sandbox.cloudflare.CloudflareSimConfig;
import dev.xanthus.sandbox.cloudflare.ZoneSnapshot;
import dev.xanthus.sandbox.http.Fault;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/**
 * The dns function end to end over HTTP: real Tomcat, dynalite and the Cloudflare simulator. "Restored exactly"
 * means: the zone's settings, page rules (ids, targets, actions, timestamps) and DNS records equal the snapshot taken
 * before, and its certificates are those of before plus only certificates that are now revoked (Cloudflare keeps
 * listing a revoked certificate).
 */
@SpringBootTest(classes = WebTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = DomainsSandbox.class)
@ExtendWith(OutputCaptureExtension.class)
class DomainsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = CloudflareSimConfig.SANDBOX_ACCOUNT_ID;
    private static final CloudflareClient CF =
            HttpCloudflareClient.create(SIM.baseUri()).withToken(CloudflareSimConfig.SANDBOX_TOKEN);
    private static final String SETTINGS = "PATCH /zones/{zone_id}/settings/{setting_id}";
    private static String jwt;
    private static String namespace;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> bodies = new ArrayList<>();

    @LocalServerPort
    int port;

    @BeforeEach
    void signIn() throws Exception {
        if (jwt == null) {
            String token = "tok_" + UUID.randomUUID().toString().replace("-", "");
            SIM.addToken(token);
            JsonNode login =
                    data(send("POST", "/api/auth/login", JSON.writeValueAsString(Map.of("token", token)), null));
            jwt = login.path("jwt_token").asText();
            namespace = login.path("namespace_id").asText();
        }
    }

    @AfterEach
    void clearFaults() {
        SIM.server().faults().clear();
        DomainsSandbox.ROOT.fail = false;
    }

    @Test
    void configureThenRemove_shouldRestoreTheZoneExactly_whenItStartedFlexibleAndOff() throws Exception {
        // given
        String domain = zone(1);
        ZoneSnapshot before = SIM.snapshot(domain);
        assertThat(before.settings()).containsEntry("ssl", "flexible").containsEntry("always_use_https", "off");

        // when
        JsonNode configured = data(configure(domain));

        // then
        ZoneSnapshot during = SIM.snapshot(domain);
        assertThat(during.settings()).containsEntry("ssl", "strict").containsEntry("always_use_https", "on");
        assertThat(during.pageRules()).hasSize(1);
        assertThat(during.pageRules().get(0).targets().toString()).contains("www." + domain + "/*");
        assertThat(during.pageRules().get(0).actions().toString())
                .contains("https://" + domain + "/$1")
                .contains("301");
        assertThat(during.certificates()).singleElement().satisfies(c -> {
            assertThat(c.hostnames()).containsExactly(domain, "*." + domain);
            assertThat(c.requestType()).isEqualTo("origin-rsa");
            assertThat(c.requestedValidity()).isEqualTo(5475);
        });
        assertThat(configured.path("previous_ssl_mode").asText()).isEqualTo("flexible");
        assertThat(configured.path("certificate").asText()).endsWith(SIM.originCaCertificatePem());

        // when
        JsonNode removed = data(send("DELETE", "/api/v1/dns/" + domain, null, jwt));

        // then
        assertThat(removed.path("ssl_mode").asText()).isEqualTo("flexible");
        assertThat(removed.path("always_use_https").asText()).isEqualTo("off");
        assertRestored(before, SIM.snapshot(domain));
        assertThat(kv(domainKey(domain))).isNull();
        assertThat(send("GET", "/api/v1/dns/" + domain, null, jwt).statusCode()).isEqualTo(404);
    }

    @Test
    void configureThenRemove_shouldRestoreTheZoneExactly_whenItStartedFullAndOnWithOtherRulesAndRecords()
            throws Exception {
        // given: a zone with prior settings, a page rule and a DNS record of the user's
        String domain = zone(2);
        String zoneId = SIM.zoneId(domain);
        CF.updateZoneSetting(zoneId, ZoneSetting.Id.SSL, "full");
        CF.updateZoneSetting(zoneId, ZoneSetting.Id.ALWAYS_USE_HTTPS, "on");
        CF.createPageRule(zoneId, PageRuleInput.forward(domain + "/old/*", "https://" + domain + "/new/$1", 302));
        CF.createDnsRecord(zoneId, new DnsRecordInput("A", domain, "203.0.113.9", true, 1, null));
        ZoneSnapshot before = SIM.snapshot(domain);

        // when
        data(configure(domain));
        assertThat(SIM.snapshot(domain).pageRules()).hasSize(2);
        JsonNode removed = data(send("DELETE", "/api/v1/dns/" + domain, null, jwt));

        // then
        assertThat(removed.path("ssl_mode").asText()).isEqualTo("full");
        assertThat(removed.path("always_use_https").asText()).isEqualTo("on");
        assertRestored(before, SIM.snapshot(domain));
    }

    @Test
    void configure_shouldKeepTheUsersOwnWwwRule_andRemoveShouldNotDeleteIt() throws Exception {
        // given
        String domain = zone(3);
        CF.createPageRule(
                SIM.zoneId(domain), PageRuleInput.forward("www." + domain + "/*", "https://blog." + domain, 302));
        ZoneSnapshot before = SIM.snapshot(domain);

        // when
        JsonNode configured = data(configure(domain));

        // then
        assertThat(configured.path("page_rule_created").asBoolean()).isFalse();
        assertThat(SIM.snapshot(domain).pageRules()).isEqualTo(before.pageRules());
        data(send("DELETE", "/api/v1/dns/" + domain, null, jwt));
        assertRestored(before, SIM.snapshot(domain));
    }

    static Stream<Arguments> steps() {
        return Stream.of(
                Arguments.of(ConfigureStep.SSL_MODE, 10, false),
                Arguments.of(ConfigureStep.ORIGIN_CERTIFICATE, 11, true),
                Arguments.of(ConfigureStep.ORIGIN_CA_ROOT, 12, false),
                Arguments.of(ConfigureStep.ALWAYS_USE_HTTPS, 13, true),
                Arguments.of(ConfigureStep.WWW_REDIRECT, 14, false),
                Arguments.of(ConfigureStep.STORE_CONFIG, 15, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("steps")
    void configure_shouldUndoEveryAppliedStepAndName502_whenAStepFails(
            ConfigureStep step, int zoneNumber, boolean startFullAndOn) throws Exception {
        // given
        String domain = zone(zoneNumber);
        if (startFullAndOn) {
            CF.updateZoneSetting(SIM.zoneId(domain), ZoneSetting.Id.SSL, "full");
            CF.updateZoneSetting(SIM.zoneId(domain), ZoneSetting.Id.ALWAYS_USE_HTTPS, "on");
        }
        ZoneSnapshot before = SIM.snapshot(domain);
        Map<String, String> kvBefore = kvContents();
        switch (step) {
            case SSL_MODE ->
                SIM.server().faults().inject(SETTINGS, Fault.status(500, "{\"success\":false,\"errors\":[]}"), 1);
            case ORIGIN_CERTIFICATE -> SIM.server().faults().inject("POST /certificates", Fault.drop(), 1);
            case ORIGIN_CA_ROOT -> DomainsSandbox.ROOT.fail = true;
            case ALWAYS_USE_HTTPS -> {
                // The first settings PATCH (step 1) goes through; the second (step 4) fails.
                SIM.server().faults().inject(SETTINGS, Fault.latency(Duration.ZERO), 1);
                SIM.server().faults().inject(SETTINGS, Fault.status(503, "{\"success\":false,\"errors\":[]}"), 1);
            }
            case WWW_REDIRECT -> SIM.server().faults().inject("POST /zones/{zone_id}/pagerules", Fault.drop(), 1);
            case STORE_CONFIG ->
                SIM.server()
                        .faults()
                        .inject(
                                "PUT /accounts/{account_id}/storage/kv/namespaces/{namespace_id}/values/{key_name}",
                                Fault.status(
                                        500, "{\"success\":false,\"errors\":[{\"code\":10001,\"message\":\"boom\"}]}"),
                                1);
        }

        // when
        HttpResponse<String> response = configure(domain);

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("DOMAIN_CONFIGURE_FAILED");
        assertThat(error.path("details").path("failed_step").asText()).isEqualTo(step.id());
        assertThat(error.path("details").path("step_number").asInt()).isEqualTo(step.number());
        assertThat(error.path("details").path("rolled_back").asBoolean()).isTrue();
        assertThat(error.path("message").asText()).contains("step " + step.number());
        assertRestored(before, SIM.snapshot(domain));
        assertThat(kvContents()).isEqualTo(kvBefore);
        assertThat(SIM.server().faults().armed()).isEmpty();
    }

    @Test
    void configure_shouldRevokeTheIssuedCertificate_whenTheCreateAnswerWasLost_butNeverTheUsersOwn() throws Exception {
        // given: the user already has a certificate for the same names (e.g. made in the dashboard)
        String domain = zone(40);
        AccountCsr csr = JSON.readValue(kv(AccountCsr.KV_KEY), AccountCsr.class);
        String usersOwn = CF.createOriginCertificate(dev.xanthus.clients.cloudflare.OriginCertificateRequest.rsa(
                        csr.csr(), List.of(domain, "*." + domain), 5475))
                .id();
        ZoneSnapshot before = SIM.snapshot(domain);
        // Cloudflare issues the certificate, then the answer never arrives
        SIM.server().faults().inject("POST /certificates", Fault.lostResponse(), 1);

        // when
        HttpResponse<String> response = configure(domain);

        // then: rolled back, and the certificate issued without an answer is revoked; the user's own is untouched
        assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("details").path("failed_step").asText()).isEqualTo(ConfigureStep.ORIGIN_CERTIFICATE.id());
        assertThat(error.path("details").path("rolled_back").asBoolean()).isTrue();
        ZoneSnapshot after = SIM.snapshot(domain);
        assertThat(after.certificates()).hasSize(before.certificates().size() + 1);
        assertRestored(before, after);
        assertThat(after.certificates())
                .filteredOn(c -> c.id().equals(usersOwn))
                .singleElement()
                .satisfies(c -> assertThat(c.revoked()).isFalse());
        assertThat(CF.listOriginCertificates(SIM.zoneId(domain)))
                .extracting(c -> c.id())
                .containsExactly(usersOwn);
    }

    @Test
    void configure_shouldReadTheCertificateExpiry_inTheFormTheOriginCaAnswers() throws Exception {
        // given: the Origin CA's own form of expires_on (Go's time.String()), as the simulator answers it
        String domain = zone(41);

        // when
        JsonNode configured = data(configure(domain));

        // then: configured (it failed at step 2 when the client wanted RFC 3339), and the expiry shown is the PEM's
        String certificateId = configured.path("certificate_id").asText();
        HttpResponse<String> raw = http.send(
                HttpRequest.newBuilder(URI.create(SIM.baseUri() + "/certificates/" + certificateId))
                        .header("Authorization", "Bearer " + CloudflareSimConfig.SANDBOX_TOKEN)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(raw.body()).path("result").path("expires_on").asText())
                .matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} \\+0000 UTC");
        assertThat(Instant.parse(configured.path("certificate_expires_at").asText()))
                .isAfter(Instant.now().plus(Duration.ofDays(5474)));
    }

    @Test
    void configure_shouldBe503AndCallNothing_whenNoOriginCaRootIsBundled_whileTheRestWorks() throws Exception {
        DomainsSandbox.ROOT.missing = true;
        try {
            // given
            int callsBefore = totalCalls();

            // when
            HttpResponse<String> response = configure(zone(42));
            HttpResponse<String> health = send("GET", "/health", null, null);

            // then: a clear 503, no Cloudflare call, the rest of the function up, /health saying why
            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(code(response)).isEqualTo("ORIGIN_CA_ROOT_UNAVAILABLE");
            assertThat(totalCalls()).isEqualTo(callsBefore);
            assertThat(health.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(health.body());
            assertThat(body.path("checks").path("origin_ca_root").asText()).isEqualTo("warning");
            assertThat(body.path("details").path("origin_ca_root").asText())
                    .contains("configuring a domain answers 503");
            assertThat(send("GET", "/api/v1/dns/domains", null, jwt).statusCode())
                    .isEqualTo(200);
        } finally {
            DomainsSandbox.ROOT.missing = false;
        }
        HttpResponse<String> health = send("GET", "/health", null, null);
        assertThat(JSON.readTree(health.body())
                        .path("checks")
                        .path("origin_ca_root")
                        .asText())
                .isEqualTo("ok");
    }

    @Test
    void aTokenWithoutAPermission_shouldBe403NamingThePermission() throws Exception {
        // Cloudflare's answer to a valid token that lacks a permission: 403 "Authentication error" (10000)
        SIM.server()
                .faults()
                .inject(
                        "GET /zones",
                        Fault.status(
                                403,
                                "{\"success\":false,\"errors\":[{\"code\":10000,\"message\":\"Authentication error\"}]}"),
                        1);

        HttpResponse<String> response = send("GET", "/api/v1/dns/domains", null, jwt);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("INSUFFICIENT_PERMISSIONS");
        assertThat(error.path("details").path("permission").asText()).isEqualTo("Zone · Zone: Read");
        assertThat(error.path("message").asText()).contains("lacks the permission Zone · Zone: Read");
    }

    @Test
    void listDomains_shouldListEveryZoneOverSeveralPages_withManagedStateAndExpiry() throws Exception {
        // given
        data(configure(zone(20)));
        SIM.server().resetCalls();

        // when
        JsonNode list = data(send("GET", "/api/v1/dns/domains", null, jwt));

        // then
        assertThat(SIM.server().calls("GET /zones")).isGreaterThanOrEqualTo(3);
        List<String> names = new ArrayList<>();
        list.forEach(d -> names.add(d.path("name").asText()));
        assertThat(names).containsExactlyInAnyOrderElementsOf(DomainsSandbox.zones());
        JsonNode managed = find(list, zone(20));
        assertThat(managed.path("managed").asBoolean()).isTrue();
        assertThat(managed.path("ssl_mode").asText()).isEqualTo("strict");
        assertThat(managed.path("always_use_https").asBoolean()).isTrue();
        Instant expiry = Instant.parse(managed.path("certificate_expires_at").asText());
        assertThat(expiry)
                .isBetween(
                        Instant.now().plus(Duration.ofDays(5474)), Instant.now().plus(Duration.ofDays(5476)));
        JsonNode unmanaged = find(list, zone(64));
        assertThat(unmanaged.path("managed").asBoolean()).isFalse();
        assertThat(unmanaged.path("ssl_mode").asText()).isEqualTo("flexible");
        assertThat(unmanaged.has("certificate_expires_at")).isFalse();
    }

    @Test
    void configure_shouldBe404ForAZoneNotInTheAccount_and409WhenAlreadyManaged() throws Exception {
        HttpResponse<String> unknown = configure("not-in-account.example");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(code(unknown)).isEqualTo("DOMAIN_NOT_FOUND");

        data(configure(zone(21)));
        ZoneSnapshot configured = SIM.snapshot(zone(21));
        HttpResponse<String> again = configure(zone(21));

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(code(again)).isEqualTo("DOMAIN_ALREADY_MANAGED");
        assertThat(SIM.snapshot(zone(21))).isEqualTo(configured);
    }

    @Test
    void concurrentConfigures_ofOneDomain_shouldChangeItOnce() throws Exception {
        // the certificate call is slow, so all three requests are inside configure at once
        String domain = zone(30);
        SIM.server().faults().inject("POST /certificates", Fault.latency(Duration.ofMillis(700)), 3);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                calls.add(pool.submit(() -> configure(domain)));
            }
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (Future<HttpResponse<String>> call : calls) {
                answers.add(call.get(30, TimeUnit.SECONDS));
            }

            assertThat(answers).filteredOn(r -> r.statusCode() == 200).hasSize(1);
            assertThat(answers)
                    .filteredOn(r -> r.statusCode() != 200)
                    .hasSize(2)
                    .allSatisfy(r -> {
                        assertThat(r.statusCode()).isEqualTo(409);
                        assertThat(code(r)).isIn("DOMAIN_ALREADY_MANAGED", "BUSY");
                    });
            assertThat(SIM.snapshot(domain).certificates()).hasSize(1);
            assertThat(SIM.snapshot(domain).pageRules()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void malformedDomains_shouldBe400BeforeAnyUpstreamCall() throws Exception {
        int before = totalCalls();
        for (String bad : List.of(
                "../x",
                "a b.example",
                "x".repeat(300),
                "x".repeat(250) + ".example",
                "",
                "localhost",
                "-bad.example",
                "1.2.3.4",
                "zone-01.example/../x")) {
            HttpResponse<String> response = configure(bad);
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            assertThat(code(response)).isEqualTo("INVALID_DOMAIN");
        }
        assertThat(send("POST", "/api/v1/dns/configure", "{}", jwt).statusCode())
                .isEqualTo(400);
        assertThat(send("POST", "/api/v1/dns/configure", "{\"domain\": ", jwt).statusCode())
                .isEqualTo(400);
        for (String method : List.of("GET", "DELETE")) {
            HttpResponse<String> response = send(
                    method,
                    "/api/v1/dns/"
                            + URLEncoder.encode("a b.example", StandardCharsets.UTF_8)
                                    .replace("+", "%20"),
                    null,
                    jwt);
            assertThat(response.statusCode()).as(method).isEqualTo(400);
            assertThat(code(response)).isEqualTo("INVALID_DOMAIN");
        }
        assertThat(send("DELETE", "/api/v1/dns/" + zone(1) + "?force=maybe", null, jwt)
                        .statusCode())
                .isEqualTo(400);

        assertThat(totalCalls()).isEqualTo(before);
    }

    @Test
    void remove_shouldBe409WhileAnApplicationUsesTheDomain_unlessForced() throws Exception {
        // given
        String domain = zone(22);
        ZoneSnapshot before = SIM.snapshot(domain);
        data(configure(domain));
        SIM.putKvValues(
                ACCOUNT,
                namespace,
                Map.of(
                        "app:app-1700000000",
                                "{\"id\":\"app-1700000000\",\"name\":\"code\",\"subdomain\":\"code\",\"domain\":\""
                                        + domain + "\",\"status\":\"deployed\"}",
                        "app:app-1700000000:password", "{\"password\":\"x\"}",
                        "app:app-1700000001", "{\"id\":\"app-1700000001\",\"domain\":\"elsewhere.example\"}"));
        try {
            // when
            HttpResponse<String> refused = send("DELETE", "/api/v1/dns/" + domain, null, jwt);

            // then
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(code(refused)).isEqualTo("DOMAIN_IN_USE");
            assertThat(JSON.readTree(refused.body())
                            .path("error")
                            .path("details")
                            .path("applications")
                            .toString())
                    .isEqualTo("[\"app-1700000000\"]");
            assertThat(kv(domainKey(domain))).isNotNull();

            JsonNode forced = data(send("DELETE", "/api/v1/dns/" + domain + "?force=true", null, jwt));
            assertThat(forced.path("applications_left").toString()).isEqualTo("[\"app-1700000000\"]");
            assertRestored(before, SIM.snapshot(domain));
        } finally {
            List.of("app:app-1700000000", "app:app-1700000000:password", "app:app-1700000001")
                    .forEach(k -> CF.deleteKvValue(ACCOUNT, namespace, k));
        }
    }

    @Test
    void remove_shouldFallBackToWhatGoRestored_forARecordWrittenByTheGoProgram() throws Exception {
        // given: the Go program configured the zone (its record has no prior values and no page rule id)
        String domain = zone(23);
        String zoneId = SIM.zoneId(domain);
        ZoneSnapshot before = SIM.snapshot(domain);
        CF.updateZoneSetting(zoneId, ZoneSetting.Id.SSL, "strict");
        CF.updateZoneSetting(zoneId, ZoneSetting.Id.ALWAYS_USE_HTTPS, "on");
        CF.createPageRule(zoneId, PageRuleInput.forward("www." + domain + "/*", "https://" + domain + "/$1", 301));
        AccountCsr csr = JSON.readValue(kv(AccountCsr.KV_KEY), AccountCsr.class);
        String certificateId = CF.createOriginCertificate(dev.xanthus.clients.cloudflare.OriginCertificateRequest.rsa(
                        csr.csr(), List.of(domain, "*." + domain), 5475))
                .id();
        Map<String, Object> goRecord = new LinkedHashMap<>();
        goRecord.put("domain", domain);
        goRecord.put("zone_id", zoneId);
        goRecord.put("certificate_id", certificateId);
        goRecord.put("certificate", "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
        goRecord.put("private_key", csr.privateKey());
        goRecord.put("configured_at", "2025-07-01T10:00:00Z");
        goRecord.put("ssl_mode", "strict");
        goRecord.put("always_use_https", true);
        goRecord.put("page_rule_created", true);
        SIM.putKvValues(ACCOUNT, namespace, Map.of(domainKey(domain), JSON.writeValueAsString(goRecord)));

        // when
        JsonNode removed = data(send("DELETE", "/api/v1/dns/" + domain, null, jwt));

        // then
        assertThat(removed.path("certificate_revoked").asBoolean()).isTrue();
        assertThat(removed.path("page_rule_deleted").asBoolean()).isTrue();
        assertRestored(before, SIM.snapshot(domain));
    }

    @Test
    void noResponseOrLog_shouldEverCarryThePrivateKey(CapturedOutput output) throws Exception {
        // given
        String domain = zone(24);
        String privateKey =
                JSON.readValue(kv(AccountCsr.KV_KEY), AccountCsr.class).privateKey();
        String keyBody = privateKey
                .lines()
                .filter(l -> !l.startsWith("-----"))
                .findFirst()
                .orElseThrow();

        // when
        data(configure(domain));
        data(send("GET", "/api/v1/dns/" + domain, null, jwt));
        data(send("GET", "/api/v1/dns/domains", null, jwt));
        JsonNode stored = JSON.readTree(kv(domainKey(domain)));
        SIM.server().faults().inject("POST /zones/{zone_id}/pagerules", Fault.status(500, "{\"success\":false}"), 1);
        configure(zone(25));
        data(send("DELETE", "/api/v1/dns/" + domain, null, jwt));

        // then: the key is stored for the Go program, and shown nowhere
        assertThat(bodies).isNotEmpty().allSatisfy(body -> assertThat(body)
                .doesNotContain("PRIVATE KEY")
                .doesNotContain(keyBody)
                .doesNotContain("private_key"));
        assertThat(output.getAll()).doesNotContain("PRIVATE KEY").doesNotContain(keyBody);
        assertThat(stored.path("private_key").asText()).isEqualTo(privateKey);
    }

    @Test
    void get_shouldReturnTheGoShapedRecordWithoutThePrivateKey() throws Exception {
        // given
        String domain = zone(26);
        data(configure(domain));

        // when
        JsonNode shown = data(send("GET", "/api/v1/dns/" + domain.toUpperCase(), null, jwt));

        // then
        JsonNode stored = JSON.readTree(kv(domainKey(domain)));
        List<String> fields = new ArrayList<>();
        stored.fieldNames().forEachRemaining(fields::add);
        assertThat(fields)
                .contains(
                        "domain",
                        "zone_id",
                        "certificate_id",
                        "certificate",
                        "private_key",
                        "configured_at",
                        "ssl_mode",
                        "always_use_https",
                        "page_rule_created");
        assertThat(stored.path("always_use_https").isBoolean()).isTrue();
        assertThat(stored.path("private_key").asText())
                .isEqualTo(
                        JSON.readValue(kv(AccountCsr.KV_KEY), AccountCsr.class).privateKey());
        assertThat(stored.path("certificate").asText()).endsWith(SIM.originCaCertificatePem());
        assertThat(shown.has("private_key")).isFalse();
        assertThat(shown.path("domain").asText()).isEqualTo(domain);
        assertThat(shown.path("certificate_id").asText())
                .isEqualTo(stored.path("certificate_id").asText());
        assertThat(shown.path("ssl_mode").asText()).isEqualTo("strict");
    }

    /** Settings, page rules and DNS records as before; certificates as before plus only revoked ones. */
    private static void assertRestored(ZoneSnapshot before, ZoneSnapshot after) {
        assertThat(after.settings()).isEqualTo(before.settings());
        assertThat(after.pageRules()).isEqualTo(before.pageRules());
        assertThat(after.dnsRecords()).isEqualTo(before.dnsRecords());
        List<ZoneSnapshot.Certificate> added = after.certificates().stream()
                .filter(c -> !before.certificates().contains(c))
                .toList();
        assertThat(added).allSatisfy(c -> assertThat(c.revoked())
                .as("certificate %s revoked", c.id())
                .isTrue());
        assertThat(after.certificates().stream().filter(c -> !added.contains(c)).toList())
                .containsExactlyElementsOf(before.certificates());
    }

    private HttpResponse<String> configure(String domain) throws Exception {
        return send("POST", "/api/v1/dns/configure", JSON.writeValueAsString(Map.of("domain", domain)), jwt);
    }

    private HttpResponse<String> send(String method, String path, String body, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        dev.xanthus.api.testing.ApiContract.check(method, response.request().uri(), response);
        bodies.add(response.body());
        return response;
    }

    private static JsonNode data(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("data");
    }

    private static String code(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).path("error").path("code").asText();
    }

    private static JsonNode find(JsonNode list, String name) {
        for (JsonNode d : list) {
            if (d.path("name").asText().equals(name)) {
                return d;
            }
        }
        throw new AssertionError("no " + name);
    }

    private static String domainKey(String domain) {
        return "domain:" + domain + ":ssl_config";
    }

    private static String kv(String key) {
        return SIM.kvValue(ACCOUNT, namespace, key).orElse(null);
    }

    private static Map<String, String> kvContents() {
        Map<String, String> contents = new LinkedHashMap<>();
        for (KvKey key : CF.listKvKeys(ACCOUNT, namespace, null)) {
            contents.put(key.name(), kv(key.name()));
        }
        return contents;
    }

    private static int totalCalls() {
        return SIM.server().calls().values().stream()
                .mapToInt(Integer::intValue)
                .sum();
    }
}
