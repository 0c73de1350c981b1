package dev.xanthus.api.dns;

import static dev.xanthus.api.dns.DomainCalls.CF;
import static dev.xanthus.api.dns.DomainCalls.JSON;
import static dev.xanthus.api.dns.DomainCalls.assertRestored;
import static dev.xanthus.api.dns.DomainCalls.code;
import static dev.xanthus.api.dns.DomainCalls.data;
import static dev.xanthus.api.dns.DomainCalls.domainKey;
import static dev.xanthus.api.dns.DomainCalls.totalCalls;
import static dev.xanthus.api.dns.DomainsSandbox.SIM;
import static dev.xanthus.api.dns.DomainsSandbox.zone;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xanthus.clients.cloudflare.DnsRecordInput;
import dev.xanthus.clients.cloudflare.PageRuleInput;
import dev.xanthus.clients.cloudflare.ZoneSetting;
import dev.xanthus.sandbox.cloudflare.CloudflareSimConfig;
import dev.xanthus.sandbox.cloudflare.ZoneSnapshot;
import dev.xanthus.sandbox.http.Fault;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Configuring a domain over HTTP (real Tomcat, dynalite, the Cloudflare simulator) for Full (strict) TLS, and removing
 * it: the zone restored exactly, the user's own www rule kept, the Origin CA's expiry read, and what a configure
 * refuses (a zone not in the account, one already managed, a second request at once, a malformed name).
 */
class DomainsConfigureIT extends DomainsOverHttp {

    @Test
    void configureThenRemove_shouldRestoreTheZoneExactly_whenItStartedFlexibleAndOff() throws Exception {
        // given
        String domain = zone(1);
        ZoneSnapshot before = SIM.snapshot(domain);
        assertThat(before.settings()).containsEntry("ssl", "flexible").containsEntry("always_use_https", "off");

        // when
        JsonNode configured = data(api.configure(domain));

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
        JsonNode removed = data(api.send("DELETE", "/api/v1/dns/" + domain, null, api.jwt));

        // then
        assertThat(removed.path("ssl_mode").asText()).isEqualTo("flexible");
        assertThat(removed.path("always_use_https").asText()).isEqualTo("off");
        assertRestored(before, SIM.snapshot(domain));
        assertThat(api.kv(domainKey(domain))).isNull();
        assertThat(api.send("GET", "/api/v1/dns/" + domain, null, api.jwt).statusCode())
                .isEqualTo(404);
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
        data(api.configure(domain));
        assertThat(SIM.snapshot(domain).pageRules()).hasSize(2);
        JsonNode removed = data(api.send("DELETE", "/api/v1/dns/" + domain, null, api.jwt));

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
        JsonNode configured = data(api.configure(domain));

        // then
        assertThat(configured.path("page_rule_created").asBoolean()).isFalse();
        assertThat(SIM.snapshot(domain).pageRules()).isEqualTo(before.pageRules());
        data(api.send("DELETE", "/api/v1/dns/" + domain, null, api.jwt));
        assertRestored(before, SIM.snapshot(domain));
    }

    @Test
    void configure_shouldReadTheCertificateExpiry_inTheFormTheOriginCaAnswers() throws Exception {
        // given: the Origin CA's own form of expires_on (Go's time.String()), as the simulator answers it
        String domain = zone(41);

        // when
        JsonNode configured = data(api.configure(domain));

        // then: configured (it failed at step 2 when the client wanted RFC 3339), and the expiry shown is the PEM's
        String certificateId = configured.path("certificate_id").asText();
        HttpResponse<String> raw = api.http.send(
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
    void configure_shouldBe404ForAZoneNotInTheAccount_and409WhenAlreadyManaged() throws Exception {
        HttpResponse<String> unknown = api.configure("not-in-account.example");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(code(unknown)).isEqualTo("DOMAIN_NOT_FOUND");

        data(api.configure(zone(21)));
        ZoneSnapshot configured = SIM.snapshot(zone(21));
        HttpResponse<String> again = api.configure(zone(21));

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
                calls.add(pool.submit(() -> api.configure(domain)));
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
            HttpResponse<String> response = api.configure(bad);
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            assertThat(code(response)).isEqualTo("INVALID_DOMAIN");
        }
        assertThat(api.send("POST", "/api/v1/dns/configure", "{}", api.jwt).statusCode())
                .isEqualTo(400);
        assertThat(api.send("POST", "/api/v1/dns/configure", "{\"domain\": ", api.jwt)
                        .statusCode())
                .isEqualTo(400);
        for (String method : List.of("GET", "DELETE")) {
            HttpResponse<String> response = api.send(
                    method,
                    "/api/v1/dns/"
                            + URLEncoder.encode("a b.example", StandardCharsets.UTF_8)
                                    .replace("+", "%20"),
                    null,
                    api.jwt);
            assertThat(response.statusCode()).as(method).isEqualTo(400);
            assertThat(code(response)).isEqualTo("INVALID_DOMAIN");
        }
        assertThat(api.send("DELETE", "/api/v1/dns/" + zone(1) + "?force=maybe", null, api.jwt)
                        .statusCode())
                .isEqualTo(400);

        assertThat(totalCalls()).isEqualTo(before);
    }
}
