package dev.xanthus.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xanthus.clients.cloudflare.CloudflareClient;
import dev.xanthus.clients.cloudflare.DnsRecord;
import dev.xanthus.clients.cloudflare.DnsRecordInput;
import dev.xanthus.clients.cloudflare.HttpCloudflareClient;
import dev.xanthus.core.error.AppException;
import dev.xanthus.sandbox.cloudflare.CloudflareSimConfig;
import dev.xanthus.sandbox.cloudflare.CloudflareSimulator;
import dev.xanthus.sandbox.cloudflare.ZoneSnapshot;
import dev.xanthus.sandbox.http.Fault;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The DNS helper over HTTP against the Cloudflare simulator. */
class DnsRecordsTest {

    private static final CloudflareSimulator SIM = CloudflareSimulator.start(CloudflareSimConfig.defaults()
            .withPort(0)
            .withZones(List.of("a.example", "b.example", "c.example", "d.example", "e.example", "f.example")));
    private static final CloudflareClient CF =
            HttpCloudflareClient.create(SIM.baseUri()).withToken(CloudflareSimConfig.SANDBOX_TOKEN);
    private final DnsRecords records = new DnsRecords(CF);

    @AfterAll
    static void stop() {
        SIM.close();
    }

    @Test
    void upsertA_shouldCreateAProxiedManagedRecord_thenUpdateItInPlace() {
        // when
        DnsRecord created = records.upsertA("a.example", "app.a.example", "203.0.113.10");
        DnsRecord same = records.upsertA("a.example", "APP.a.example", "203.0.113.10");
        DnsRecord moved = records.upsertA("a.example", "app.a.example", "203.0.113.11");

        // then
        assertThat(created.isManaged()).isTrue();
        assertThat(created.proxied()).isTrue();
        assertThat(same.id()).isEqualTo(created.id());
        assertThat(moved.id()).isEqualTo(created.id());
        assertThat(SIM.snapshot("a.example").dnsRecords()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("app.a.example");
            assertThat(r.content()).isEqualTo("203.0.113.11");
            assertThat(r.comment()).isEqualTo(DnsRecord.MANAGED_COMMENT);
        });
        assertThat(records.find("a.example", "app.a.example"))
                .map(DnsRecord::content)
                .hasValue("203.0.113.11");
    }

    @Test
    void upsertA_shouldAdoptTheRecord_whenCloudflareCreatedItButTheAnswerWasLost() {
        // given: Cloudflare creates the record, then the connection closes without the answer
        SIM.server().faults().inject("POST /zones/{zone_id}/dns_records", Fault.lostResponse(), 1);

        // when
        DnsRecord adopted = records.upsertA("f.example", "app.f.example", "203.0.113.20");

        // then: the one record Cloudflare made is ours and answered; none is left behind or doubled
        assertThat(SIM.server().faults().armed()).isEmpty();
        assertThat(SIM.snapshot("f.example").dnsRecords()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(adopted.id());
            assertThat(r.content()).isEqualTo("203.0.113.20");
            assertThat(r.comment()).isEqualTo(DnsRecord.MANAGED_COMMENT);
        });
        assertThat(records.upsertA("f.example", "app.f.example", "203.0.113.20").id())
                .isEqualTo(adopted.id());
    }

    @Test
    void upsertA_shouldRefuseWith409AndChangeNothing_whenARecordOfThatNameIsNotOurs() {
        // given
        String zoneId = SIM.zoneId("b.example");
        CF.createDnsRecord(zoneId, new DnsRecordInput("A", "www.b.example", "198.51.100.1", false, 1, null));
        CF.createDnsRecord(zoneId, new DnsRecordInput("CNAME", "blog.b.example", "elsewhere.example", true, 1, "mine"));
        ZoneSnapshot before = SIM.snapshot("b.example");

        // when / then
        for (String host : List.of("www.b.example", "blog.b.example")) {
            assertThatThrownBy(() -> records.upsertA("b.example", host, "203.0.113.10"))
                    .isInstanceOfSatisfying(AppException.Conflict.class, e -> assertThat(e.code())
                            .isEqualTo("DNS_RECORD_EXISTS"));
        }
        assertThat(SIM.snapshot("b.example")).isEqualTo(before);
        assertThat(records.find("b.example", "www.b.example")).isEmpty();
    }

    @Test
    void delete_shouldDeleteOnlyOurRecords() {
        // given
        String zoneId = SIM.zoneId("c.example");
        records.upsertA("c.example", "app.c.example", "203.0.113.10");
        records.upsertA("c.example", "c.example", "203.0.113.10");
        CF.createDnsRecord(zoneId, new DnsRecordInput("A", "mail.c.example", "198.51.100.2", false, 1, null));
        CF.createDnsRecord(zoneId, new DnsRecordInput("TXT", "app.c.example", "v=spf1 -all", false, 1, null));

        // when
        boolean deleted = records.delete("c.example", "app.c.example");
        boolean again = records.delete("c.example", "app.c.example");
        boolean notOurs = records.delete("c.example", "mail.c.example");

        // then
        assertThat(deleted).isTrue();
        assertThat(again).isFalse();
        assertThat(notOurs).isFalse();
        assertThat(SIM.snapshot("c.example").dnsRecords())
                .extracting(ZoneSnapshot.DnsRecord::name, ZoneSnapshot.DnsRecord::type)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("c.example", "A"),
                        org.assertj.core.groups.Tuple.tuple("mail.c.example", "A"),
                        org.assertj.core.groups.Tuple.tuple("app.c.example", "TXT"));
    }

    @Test
    void helper_shouldBe400BeforeAnyCall_whenNamesOrAddressAreBad_and404ForAnUnknownZone() {
        int before = SIM.server().calls().values().stream()
                .mapToInt(Integer::intValue)
                .sum();
        assertThatThrownBy(() -> records.upsertA("d.example", "app.other.example", "203.0.113.1"))
                .isInstanceOf(AppException.BadRequest.class);
        assertThatThrownBy(() -> records.upsertA("d.example", "app.d.example", "203.0.113.256"))
                .isInstanceOfSatisfying(
                        AppException.BadRequest.class, e -> assertThat(e.code()).isEqualTo("INVALID_IPV4"));
        assertThatThrownBy(() -> records.upsertA("../x", "app.d.example", "203.0.113.1"))
                .isInstanceOf(AppException.BadRequest.class);
        assertThatThrownBy(() -> records.delete("d.example", "a;b.d.example"))
                .isInstanceOf(AppException.BadRequest.class);
        assertThat(SIM.server().calls().values().stream()
                        .mapToInt(Integer::intValue)
                        .sum())
                .isEqualTo(before);

        assertThatThrownBy(() -> records.upsertA("nope.example", "app.nope.example", "203.0.113.1"))
                .isInstanceOfSatisfying(
                        AppException.NotFound.class, e -> assertThat(e.code()).isEqualTo("DOMAIN_NOT_FOUND"));
    }
}
