package dev.xanthus.api.dns;

import static dev.xanthus.api.dns.DomainCalls.ACCOUNT;
import static dev.xanthus.api.dns.DomainCalls.CF;
import static dev.xanthus.api.dns.DomainCalls.JSON;
import static dev.xanthus.api.dns.DomainCalls.assertRestored;
import static dev.xanthus.api.dns.DomainCalls.code;
import static dev.xanthus.api.dns.DomainCalls.data;
import static dev.xanthus.api.dns.DomainCalls.domainKey;
import static dev.xanthus.api.dns.DomainCalls.find;
import static dev.xanthus.api.dns.DomainsSandbox.SIM;
import static dev.xanthus.api.dns.DomainsSandbox.zone;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xanthus.clients.cloudflare.PageRuleInput;
import dev.xanthus.clients.cloudflare.ZoneSetting;
import dev.xanthus.core.account.AccountCsr;
import dev.xanthus.sandbox.cloudflare.ZoneSnapshot;
import dev.xanthus.sandbox.http.Fault;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The managed domains' records over HTTP: every zone listed with its state, the Go-shaped record (its private key
 * stored for the Go program, shown nowhere), removal refused while an app uses the domain, a record Go wrote, and a
 * token that lacks a permission.
 */
@ExtendWith(OutputCaptureExtension.class)
class DomainsRecordsIT extends DomainsOverHttp {

    @Test
    void listDomains_shouldListEveryZoneOverSeveralPages_withManagedStateAndExpiry() throws Exception {
        // given
        data(api.configure(zone(20)));
        SIM.server().resetCalls();

        // when
        JsonNode list = data(api.send("GET", "/api/v1/dns/domains", null, api.jwt));

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

        HttpResponse<String> response = api.send("GET", "/api/v1/dns/domains", null, api.jwt);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("INSUFFICIENT_PERMISSIONS");
        assertThat(error.path("details").path("permission").asText()).isEqualTo("Zone · Zone: Read");
        assertThat(error.path("message").asText()).contains("lacks the permission Zone · Zone: Read");
    }

    @Test
    void get_shouldReturnTheGoShapedRecordWithoutThePrivateKey() throws Exception {
        // given
        String domain = zone(26);
        data(api.configure(domain));

        // when
        JsonNode shown = data(api.send("GET", "/api/v1/dns/" + domain.toUpperCase(), null, api.jwt));

        // then
        JsonNode stored = JSON.readTree(api.kv(domainKey(domain)));
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
                .isEqualTo(JSON.readValue(api.kv(AccountCsr.KV_KEY), AccountCsr.class)
                        .privateKey());
        assertThat(stored.path("certificate").asText()).endsWith(SIM.originCaCertificatePem());
        assertThat(shown.has("private_key")).isFalse();
        assertThat(shown.path("domain").asText()).isEqualTo(domain);
        assertThat(shown.path("certificate_id").asText())
                .isEqualTo(stored.path("certificate_id").asText());
        assertThat(shown.path("ssl_mode").asText()).isEqualTo("strict");
    }

    @Test
    void noResponseOrLog_shouldEverCarryThePrivateKey(CapturedOutput output) throws Exception {
        // given
        String domain = zone(24);
        String privateKey =
                JSON.readValue(api.kv(AccountCsr.KV_KEY), AccountCsr.class).privateKey();
        String keyBody = privateKey
                .lines()
                .filter(l -> !l.startsWith("-----"))
                .findFirst()
                .orElseThrow();

        // when
        data(api.configure(domain));
        data(api.send("GET", "/api/v1/dns/" + domain, null, api.jwt));
        data(api.send("GET", "/api/v1/dns/domains", null, api.jwt));
        JsonNode stored = JSON.readTree(api.kv(domainKey(domain)));
        SIM.server().faults().inject("POST /zones/{zone_id}/pagerules", Fault.status(500, "{\"success\":false}"), 1);
        api.configure(zone(25));
        data(api.send("DELETE", "/api/v1/dns/" + domain, null, api.jwt));

        // then: the key is stored for the Go program, and shown nowhere
        assertThat(api.bodies).isNotEmpty().allSatisfy(body -> assertThat(body)
                .doesNotContain("PRIVATE KEY")
                .doesNotContain(keyBody)
                .doesNotContain("private_key"));
        assertThat(output.getAll()).doesNotContain("PRIVATE KEY").doesNotContain(keyBody);
        assertThat(stored.path("private_key").asText()).isEqualTo(privateKey);
    }

    @Test
    void remove_shouldBe409WhileAnApplicationUsesTheDomain_unlessForced() throws Exception {
        // given
        String domain = zone(22);
        ZoneSnapshot before = SIM.snapshot(domain);
        data(api.configure(domain));
        SIM.putKvValues(
                ACCOUNT,
                api.namespace,
                Map.of(
                        "app:app-1700000000",
                                "{\"id\":\"app-1700000000\",\"name\":\"code\",\"subdomain\":\"code\",\"domain\":\""
                                        + domain + "\",\"status\":\"deployed\"}",
                        "app:app-1700000000:password", "{\"password\":\"x\"}",
                        "app:app-1700000001", "{\"id\":\"app-1700000001\",\"domain\":\"elsewhere.example\"}"));
        try {
            // when
            HttpResponse<String> refused = api.send("DELETE", "/api/v1/dns/" + domain, null, api.jwt);

            // then
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(code(refused)).isEqualTo("DOMAIN_IN_USE");
            assertThat(JSON.readTree(refused.body())
                            .path("error")
                            .path("details")
                            .path("applications")
                            .toString())
                    .isEqualTo("[\"app-1700000000\"]");
            assertThat(api.kv(domainKey(domain))).isNotNull();

            JsonNode forced = data(api.send("DELETE", "/api/v1/dns/" + domain + "?force=true", null, api.jwt));
            assertThat(forced.path("applications_left").toString()).isEqualTo("[\"app-1700000000\"]");
            assertRestored(before, SIM.snapshot(domain));
        } finally {
            List.of("app:app-1700000000", "app:app-1700000000:password", "app:app-1700000001")
                    .forEach(k -> CF.deleteKvValue(ACCOUNT, api.namespace, k));
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
        AccountCsr csr = JSON.readValue(api.kv(AccountCsr.KV_KEY), AccountCsr.class);
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
        SIM.putKvValues(ACCOUNT, api.namespace, Map.of(domainKey(domain), JSON.writeValueAsString(goRecord)));

        // when
        JsonNode removed = data(api.send("DELETE", "/api/v1/dns/" + domain, null, api.jwt));

        // then
        assertThat(removed.path("certificate_revoked").asBoolean()).isTrue();
        assertThat(removed.path("page_rule_deleted").asBoolean()).isTrue();
        assertRestored(before, SIM.snapshot(domain));
    }
}
