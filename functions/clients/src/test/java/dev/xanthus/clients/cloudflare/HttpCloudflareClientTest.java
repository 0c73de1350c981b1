package dev.xanthus.clients.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xanthus.sandbox.cloudflare.CloudflareSimConfig;
import dev.xanthus.sandbox.cloudflare.ZoneSnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HttpCloudflareClientTest {

    @RegisterExtension
    final CloudflareSandbox sandbox =
            new CloudflareSandbox(config -> config.withZones(List.of("example.com", "example.org", "example.net"))
                    .withMaxPerPage(2));

    @Test
    void verifyToken_shouldReturnActive_whenTokenIsTheSandboxOne() {
        TokenVerification verification = sandbox.client().verifyToken();

        assertThat(verification.isActive()).isTrue();
        assertThat(verification.id()).hasSize(32);
        assertThat(sandbox.client().verifyAccountToken(sandbox.accountId()).isActive())
                .isTrue();
    }

    @Test
    void accountsMembershipsAndUser_shouldDescribeTheSeededUser() {
        CloudflareClient cf = sandbox.client();

        assertThat(cf.listAccounts()).extracting(Account::id).containsExactly(sandbox.accountId());
        assertThat(cf.listMemberships())
                .singleElement()
                .satisfies(m -> assertThat(m.account().id()).isEqualTo(sandbox.accountId()))
                .satisfies(m -> assertThat(m.status()).isEqualTo("accepted"));
        assertThat(cf.getUser().email()).isEqualTo("developer@example.com");
    }

    @Test
    void listZones_shouldFollowEveryPage_whenZonesSpanPages() {
        List<Zone> zones = sandbox.client().listZones();

        assertThat(zones).extracting(Zone::name).containsExactly("example.com", "example.org", "example.net");
        assertThat(sandbox.server().calls("GET /zones")).isEqualTo(2);
    }

    @Test
    void findZoneByName_shouldReturnTheZone_orEmptyWhenUnknown() {
        assertThat(sandbox.client().findZoneByName("example.org"))
                .get()
                .satisfies(z -> assertThat(z.id()).isEqualTo(sandbox.simulator().zoneId("example.org")))
                .satisfies(z -> assertThat(z.account().id()).isEqualTo(sandbox.accountId()));
        assertThat(sandbox.client().findZoneByName("nope.dev")).isEmpty();
    }

    @Test
    void kvNamespaces_shouldBeCreatedAndListedAcrossPages() {
        CloudflareClient cf = sandbox.client();
        for (String title : List.of("Xanthus", "Other", "Third")) {
            cf.createKvNamespace(sandbox.accountId(), title);
        }

        assertThat(cf.listKvNamespaces(sandbox.accountId()))
                .extracting(KvNamespace::title)
                .containsExactly("Xanthus", "Other", "Third");
        assertThatThrownBy(() -> cf.createKvNamespace(sandbox.accountId(), "Xanthus"))
                .isInstanceOfSatisfying(CloudflareException.class, e -> assertThat(e.kind())
                        .isEqualTo(CloudflareException.Kind.REJECTED));
    }

    @Test
    void kvValues_shouldRoundTripRawBytes_whenKeyHasSpecialCharacters() {
        // given
        CloudflareClient cf = sandbox.client();
        String ns = cf.createKvNamespace(sandbox.accountId(), "Xanthus").id();
        String key = "domain:example.com:ssl_config/x y+z";

        // when
        cf.putKvString(sandbox.accountId(), ns, key, "{\"domain\":\"example.com\"}");

        // then
        assertThat(cf.getKvString(sandbox.accountId(), ns, key)).contains("{\"domain\":\"example.com\"}");
        assertThat(sandbox.simulator().kvValue(sandbox.accountId(), ns, key)).contains("{\"domain\":\"example.com\"}");
        cf.deleteKvValue(sandbox.accountId(), ns, key);
        assertThat(cf.getKvValue(sandbox.accountId(), ns, key)).isEmpty();
        cf.deleteKvValue(sandbox.accountId(), ns, key);
    }

    @Test
    void getKvValue_shouldThrowNotFound_whenNamespaceIsMissing() {
        assertThatThrownBy(() -> sandbox.client().getKvValue(sandbox.accountId(), "0".repeat(32), "k"))
                .isInstanceOfSatisfying(CloudflareException.class, e -> {
                    assertThat(e.kind()).isEqualTo(CloudflareException.Kind.NOT_FOUND);
                    assertThat(e.codes()).containsExactly(10013);
                });
    }

    @Test
    void listKvKeys_shouldFollowTheCursor_whenThereAre2500Keys() {
        // given
        String ns = sandbox.simulator().createKvNamespace(sandbox.accountId(), "Xanthus");
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < 2500; i++) {
            values.put(String.format("app:%04d", i), "{}");
        }
        sandbox.simulator().putKvValues(sandbox.accountId(), ns, values);

        // when
        List<KvKey> keys = sandbox.client().listKvKeys(sandbox.accountId(), ns, null);

        // then
        assertThat(keys)
                .hasSize(2500)
                .extracting(KvKey::name)
                .doesNotHaveDuplicates()
                .containsAll(values.keySet());
        assertThat(sandbox.server().calls("GET /accounts/{account_id}/storage/kv/namespaces/{namespace_id}/keys"))
                .isEqualTo(3);
    }

    @Test
    void listKvKeys_shouldReturnOnlyPrefixedKeys_whenPrefixIsGiven() {
        String ns = sandbox.simulator().createKvNamespace(sandbox.accountId(), "Xanthus");
        sandbox.simulator()
                .putKvValues(
                        sandbox.accountId(),
                        ns,
                        Map.of("vps:1:config", "{}", "vps:2:config", "{}", "app:1", "{}", "config:ssl:csr", "{}"));

        assertThat(sandbox.client().listKvKeys(sandbox.accountId(), ns, "vps:"))
                .extracting(KvKey::name)
                .containsExactly("vps:1:config", "vps:2:config");
    }

    @Test
    void dnsRecords_shouldBeCreatedFilteredUpdatedAndDeleted() {
        // given
        CloudflareClient cf = sandbox.client();
        String zone = sandbox.simulator().zoneId("example.com");
        DnsRecord app = cf.createDnsRecord(zone, DnsRecordInput.managed("A", "app", "203.0.113.10", true));
        cf.createDnsRecord(zone, DnsRecordInput.managed("A", "www.example.com", "203.0.113.10", true));
        cf.createDnsRecord(zone, new DnsRecordInput("TXT", "example.com", "v=spf1 -all", false, 3600, null));

        // when
        DnsRecord moved = cf.updateDnsRecord(
                zone, app.id(), DnsRecordInput.managed("A", "app.example.com", "203.0.113.20", true));

        // then
        assertThat(app.name()).isEqualTo("app.example.com");
        assertThat(app.isManaged()).isTrue();
        assertThat(moved.content()).isEqualTo("203.0.113.20");
        assertThat(cf.listDnsRecords(zone, null, null)).hasSize(3);
        assertThat(sandbox.server().calls("GET /zones/{zone_id}/dns_records")).isEqualTo(2);
        assertThat(cf.listDnsRecords(zone, "app.example.com", "A"))
                .extracting(DnsRecord::id)
                .containsExactly(app.id());
        assertThat(cf.listDnsRecords(zone, null, "TXT")).singleElement().satisfies(r -> assertThat(r.isManaged())
                .isFalse());
        cf.deleteDnsRecord(zone, app.id());
        assertThat(cf.listDnsRecords(zone, "app.example.com", null)).isEmpty();
    }

    @Test
    void createDnsRecord_shouldBeRejected_whenContentIsNotIpv4OrRecordExists() {
        CloudflareClient cf = sandbox.client();
        String zone = sandbox.simulator().zoneId("example.com");
        cf.createDnsRecord(zone, DnsRecordInput.managed("A", "app", "203.0.113.10", true));

        assertThatThrownBy(() -> cf.createDnsRecord(zone, DnsRecordInput.managed("A", "bad", "not-an-ip", true)))
                .isInstanceOfSatisfying(
                        CloudflareException.class, e -> assertThat(e.codes()).containsExactly(9005));
        assertThatThrownBy(() -> cf.createDnsRecord(zone, DnsRecordInput.managed("A", "app", "203.0.113.10", true)))
                .isInstanceOfSatisfying(CloudflareException.class, e -> {
                    assertThat(e.kind()).isEqualTo(CloudflareException.Kind.REJECTED);
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.codes()).containsExactly(81057);
                });
    }

    @Test
    void deleteDnsRecord_shouldThrowNotFound_whenRecordIsUnknown() {
        String zone = sandbox.simulator().zoneId("example.com");

        assertThatThrownBy(() -> sandbox.client().deleteDnsRecord(zone, "f".repeat(32)))
                .isInstanceOfSatisfying(CloudflareException.class, e -> assertThat(e.kind())
                        .isEqualTo(CloudflareException.Kind.NOT_FOUND));
    }

    @Test
    void zoneSettings_shouldBeReadAndChanged_andInvalidValuesRejected() {
        CloudflareClient cf = sandbox.client();
        String zone = sandbox.simulator().zoneId("example.com");

        assertThat(cf.getZoneSetting(zone, ZoneSetting.Id.SSL).value()).isEqualTo("flexible");
        assertThat(cf.updateZoneSetting(zone, ZoneSetting.Id.SSL, "strict").value())
                .isEqualTo("strict");
        assertThat(cf.updateZoneSetting(zone, ZoneSetting.Id.ALWAYS_USE_HTTPS, "on")
                        .value())
                .isEqualTo("on");
        assertThat(cf.getZoneSetting(zone, ZoneSetting.Id.SSL).value()).isEqualTo("strict");
        assertThatThrownBy(() -> cf.updateZoneSetting(zone, ZoneSetting.Id.SSL, "very-strict"))
                .isInstanceOfSatisfying(CloudflareException.class, e -> assertThat(e.kind())
                        .isEqualTo(CloudflareException.Kind.REJECTED));
    }

    @Test
    void pageRules_shouldBeCreatedListedAndDeleted() {
        CloudflareClient cf = sandbox.client();
        String zone = sandbox.simulator().zoneId("example.com");

        PageRule rule =
                cf.createPageRule(zone, PageRuleInput.forward("www.example.com/*", "https://example.com/$1", 301));

        assertThat(rule.status()).isEqualTo("active");
        assertThat(rule.urlPattern()).isEqualTo("www.example.com/*");
        assertThat(rule.actions()).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo("forwarding_url");
            assertThat(a.value().path("status_code").asInt()).isEqualTo(301);
        });
        assertThat(cf.listPageRules(zone)).extracting(PageRule::id).containsExactly(rule.id());
        cf.deletePageRule(zone, rule.id());
        assertThat(cf.listPageRules(zone)).isEmpty();
    }

    @Test
    void snapshot_shouldShowWhatAConfigureStepChanged() {
        // given
        CloudflareClient cf = sandbox.client();
        String zone = sandbox.simulator().zoneId("example.com");
        ZoneSnapshot before = sandbox.simulator().snapshot("example.com");

        // when
        cf.updateZoneSetting(zone, ZoneSetting.Id.SSL, "strict");
        cf.createPageRule(zone, PageRuleInput.forward("www.example.com/*", "https://example.com/$1", 301));
        cf.createDnsRecord(zone, DnsRecordInput.managed("A", "app", "203.0.113.10", true));
        ZoneSnapshot after = sandbox.simulator().snapshot("example.com");

        // then
        assertThat(before.settings()).containsEntry("ssl", "flexible").containsEntry("always_use_https", "off");
        assertThat(before.dnsRecords()).isEmpty();
        assertThat(after.settings()).containsEntry("ssl", "strict");
        assertThat(after.pageRules()).hasSize(1);
        assertThat(after.dnsRecords()).singleElement().satisfies(r -> assertThat(r.comment())
                .isEqualTo(DnsRecord.MANAGED_COMMENT));
        assertThat(sandbox.simulator().snapshot("example.org").settings()).containsEntry("ssl", "flexible");
        assertThat(sandbox.simulator().snapshot("example.com")).isEqualTo(after);
    }

    @Test
    void everyCall_shouldHaveBeenCheckedAgainstTheContract() {
        sandbox.client().listZones();
        sandbox.client().verifyToken();

        assertThat(sandbox.contract().checked()).contains("GET /zones -> 200", "GET /user/tokens/verify -> 200");
    }

    @Test
    void unboundClient_shouldRefuseToCall() {
        HttpCloudflareClient unbound =
                HttpCloudflareClient.create(sandbox.simulator().baseUri());

        assertThatThrownBy(unbound::listZones).isInstanceOf(IllegalStateException.class);
        assertThat(unbound.withToken(CloudflareSimConfig.SANDBOX_TOKEN).toString())
                .doesNotContain(CloudflareSimConfig.SANDBOX_TOKEN);
    }
}
