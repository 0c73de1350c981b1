package dev.xanthus.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xanthus.clients.cloudflare.ZoneSetting;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.kv.KvKeys;
import dev.xanthus.core.testing.FakeCloudflare;
import dev.xanthus.core.testing.InMemoryLeases;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The configure/remove saga against an in-memory Cloudflare: what changes, what is put back, what is refused. */
class DomainServiceTest {

    private static final String ROOT = "-----BEGIN CERTIFICATE-----\nroot\n-----END CERTIFICATE-----\n";

    private final FakeCloudflare cloudflare = new FakeCloudflare();
    private final InMemoryLeases leases = new InMemoryLeases();
    private final DomainService domains = new DomainService(
            cloudflare, () -> ROOT, leases, Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC));
    private final Principal principal = cloudflare.principal();

    @BeforeEach
    void zoneAndAccountKey() {
        cloudflare.addZone("example.com", "flexible", "off");
        cloudflare.putKv(KvKeys.ACCOUNT_CSR, "{\"csr\":\"CSR\",\"private_key\":\"KEY\",\"created_at\":\"2026-12-01\"}");
    }

    @Test
    void configure_shouldPutTheZoneBehindStrictTls_andRemoveShouldPutBackExactlyWhatWasThere() {
        DomainService.DomainView view = domains.configure(principal, "Example.com");

        assertThat(view.domain()).isEqualTo("example.com");
        assertThat(view.certificate()).endsWith(ROOT);
        assertThat(view.previousSslMode()).isEqualTo("flexible");
        assertThat(cloudflare.setting("example.com", ZoneSetting.Id.SSL)).isEqualTo("strict");
        assertThat(cloudflare.setting("example.com", ZoneSetting.Id.ALWAYS_USE_HTTPS))
                .isEqualTo("on");
        assertThat(cloudflare.pageRules("example.com")).singleElement().satisfies(rule -> assertThat(rule.urlPattern())
                .isEqualTo("www.example.com/*"));
        assertThat(cloudflare.certificates()).singleElement().satisfies(c -> assertThat(c.hostnames())
                .containsExactly("example.com", "*.example.com"));
        assertThat(cloudflare.kv()).containsKey(KvKeys.domainConfig("example.com"));
        assertThat(cloudflare.kv().get(KvKeys.domainConfig("example.com"))).contains("\"private_key\":\"KEY\"");
        assertThat(leases.taken()).containsExactly(KvKeys.domain("example.com"));

        DomainService.Removal removal = domains.remove(principal, "example.com", false);

        assertThat(removal.sslMode()).isEqualTo("flexible");
        assertThat(removal.certificateRevoked()).isTrue();
        assertThat(removal.pageRuleDeleted()).isTrue();
        assertThat(cloudflare.setting("example.com", ZoneSetting.Id.SSL)).isEqualTo("flexible");
        assertThat(cloudflare.setting("example.com", ZoneSetting.Id.ALWAYS_USE_HTTPS))
                .isEqualTo("off");
        assertThat(cloudflare.pageRules("example.com")).isEmpty();
        assertThat(cloudflare.certificates()).isEmpty();
        assertThat(cloudflare.kv()).doesNotContainKey(KvKeys.domainConfig("example.com"));
    }

    @Test
    void configure_whenAStepFails_shouldUndoTheAppliedOnesInReverse_andNameTheStep() {
        cloudflare.failOn("createPageRule");

        assertThatThrownBy(() -> domains.configure(principal, "example.com"))
                .isInstanceOfSatisfying(AppException.Upstream.class, e -> {
                    assertThat(e.code()).isEqualTo("DOMAIN_CONFIGURE_FAILED");
                    assertThat(e.details())
                            .containsEntry("failed_step", "www_redirect")
                            .containsEntry("rolled_back", true);
                });

        List<String> writes = cloudflare.writes();
        String certificate = "cert-2"; // the zone took id 1
        assertThat(writes)
                .containsExactly(
                        "updateZoneSetting ssl strict",
                        "createOriginCertificate example.com,*.example.com",
                        "updateZoneSetting always_use_https on",
                        // the undo, last change first
                        "updateZoneSetting always_use_https off",
                        "revokeOriginCertificate " + certificate,
                        "updateZoneSetting ssl flexible");
        assertThat(cloudflare.certificates()).isEmpty();
        assertThat(cloudflare.kv()).doesNotContainKey(KvKeys.domainConfig("example.com"));
    }

    @Test
    void remove_whileAnAppUsesTheDomain_shouldRefuse_unlessForced() {
        domains.configure(principal, "example.com");
        cloudflare.putKv(KvKeys.app("app-1"), "{\"id\":\"app-1\",\"domain\":\"example.com\"}");
        cloudflare.putKv(KvKeys.appPassword("app-1"), "{\"password\":\"sealed\"}");

        assertThatThrownBy(() -> domains.remove(principal, "example.com", false))
                .isInstanceOfSatisfying(AppException.Conflict.class, e -> {
                    assertThat(e.code()).isEqualTo("DOMAIN_IN_USE");
                    assertThat(e.details()).containsEntry("applications", List.of("app-1"));
                });
        assertThat(cloudflare.setting("example.com", ZoneSetting.Id.SSL)).isEqualTo("strict");

        assertThat(domains.remove(principal, "example.com", true).applicationsLeft())
                .containsExactly("app-1");
        assertThat(cloudflare.setting("example.com", ZoneSetting.Id.SSL)).isEqualTo("flexible");
    }

    @Test
    void configure_ofAManagedDomain_shouldAnswerConflict_andChangeNothing() {
        domains.configure(principal, "example.com");
        int writes = cloudflare.writes().size();

        assertThatThrownBy(() -> domains.configure(principal, "example.com"))
                .isInstanceOfSatisfying(
                        AppException.Conflict.class, e -> assertThat(e.code()).isEqualTo("DOMAIN_ALREADY_MANAGED"));
        assertThat(cloudflare.writes()).hasSize(writes);
    }

    @Test
    void configure_whileAnotherRequestHoldsTheDomain_shouldAnswerBusy_andChangeNothing() {
        leases.holdElsewhere(FakeCloudflare.ACCOUNT, KvKeys.domain("example.com"));

        assertThatThrownBy(() -> domains.configure(principal, "example.com"))
                .isInstanceOfSatisfying(
                        AppException.Conflict.class, e -> assertThat(e.code()).isEqualTo("BUSY"));
        assertThat(cloudflare.writes()).isEmpty();
    }

    @Test
    void list_shouldTellManagedZonesFromOthers_withTheirLiveSettings() {
        cloudflare.addZone("example.org", "full", "on");
        domains.configure(principal, "example.com");

        assertThat(domains.list(principal))
                .extracting(
                        DomainService.DomainSummary::name,
                        DomainService.DomainSummary::managed,
                        DomainService.DomainSummary::sslMode)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("example.com", true, "strict"),
                        org.assertj.core.groups.Tuple.tuple("example.org", false, "full"));
    }
}
