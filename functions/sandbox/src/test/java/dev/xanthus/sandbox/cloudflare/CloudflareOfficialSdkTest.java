package dev.xanthus.sandbox.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xanthus.sandbox.referee.RefereeScript;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cloudflare's official TypeScript SDK (npm cloudflare 7.3.0, {@code referees/cloudflare}) as referee: it is generated
 * from Cloudflare's own OpenAPI, builds its own requests (query serialization, multipart KV writes, pagination) and
 * reads the answers into its own types, so a simulator that names a route, a parameter or a field differently from
 * Cloudflare fails here. The script performs every call {@code HttpCloudflareClient} makes, and more, and reports each
 * operation with its key typed fields; this test asserts that report. Facts: {@code contracts/cloudflare/sdk-referee.md}.
 */
class CloudflareOfficialSdkTest {

    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(45);

    /** Every operation the script must report, each passing; a check dropped from the script fails here. */
    private static final List<String> EXPECTED = List.of(
            "Loopback guard",
            "user.tokens.verify",
            "accounts.tokens.verify (account-owned token)",
            "user.tokens.verify (account-owned token)",
            "user.get",
            "memberships.list (auto-pagination)",
            "accounts.list (auto-pagination)",
            "zones.list (auto-pagination)",
            "zones.list (name filter)",
            "zones.get",
            "zones.get (unknown zone)",
            "kv.namespaces.create",
            "kv.namespaces.create (same title)",
            "kv.namespaces.get",
            "kv.namespaces.list (auto-pagination)",
            "kv.namespaces.values.update (multipart, metadata, expiration_ttl)",
            "kv.namespaces.values.update (plain)",
            "kv.namespaces.values.get",
            "kv.namespaces.values.get (plain, UTF-8)",
            "kv.namespaces.metadata.get",
            "kv.namespaces.values.get (missing key)",
            "kv.namespaces.bulkUpdate",
            "kv.namespaces.bulkGet (text)",
            "kv.namespaces.bulkGet (json, withMetadata)",
            "kv.namespaces.bulkGet (json of a non-JSON value)",
            "kv.namespaces.keys.list (prefix, cursor auto-pagination)",
            "kv.namespaces.keys.list (expiration of an expiring key)",
            "kv.namespaces.bulkDelete",
            "kv.namespaces.values.delete",
            "kv.namespaces.delete",
            "kv.namespaces.get (deleted)",
            "dns.records.create",
            "dns.records.create (TXT)",
            "dns.records.create (same record again)",
            "dns.records.list (name.exact)",
            "dns.records.list (type)",
            "dns.records.list (all, auto-pagination)",
            "dns.records.get",
            "dns.records.edit (PATCH)",
            "dns.records.update (PUT)",
            "dns.records.delete",
            "dns.records.get (deleted)",
            "zones.settings.get ssl",
            "zones.settings.edit ssl",
            "zones.settings.get always_use_https",
            "zones.settings.edit always_use_https",
            "zones.settings.get min_tls_version",
            "zones.settings.edit min_tls_version",
            "zones.settings.edit min_tls_version (bad value)",
            "originCACertificates.create",
            "originCACertificates.list (zone_id)",
            "originCACertificates.get",
            "originCACertificates.delete (revoke)",
            "pageRules.create",
            "pageRules.get",
            "pageRules.list",
            "pageRules.delete");

    /** The routes of the simulator HttpCloudflareClient uses; the SDK must have reached each. */
    private static final List<String> CLIENT_ROUTES = List.of(
            "GET /user/tokens/verify",
            "GET /accounts/{account_id}/tokens/verify",
            "GET /user",
            "GET /memberships",
            "GET /accounts",
            "GET /accounts/{account_id}/storage/kv/namespaces",
            "POST /accounts/{account_id}/storage/kv/namespaces",
            "GET /accounts/{account_id}/storage/kv/namespaces/{namespace_id}/values/{key_name}",
            "PUT /accounts/{account_id}/storage/kv/namespaces/{namespace_id}/values/{key_name}",
            "DELETE /accounts/{account_id}/storage/kv/namespaces/{namespace_id}/values/{key_name}",
            "GET /accounts/{account_id}/storage/kv/namespaces/{namespace_id}/keys",
            "POST /accounts/{account_id}/storage/kv/namespaces/{namespace_id}/bulk/get",
            "PUT /accounts/{account_id}/storage/kv/namespaces/{namespace_id}/bulk",
            "POST /accounts/{account_id}/storage/kv/namespaces/{namespace_id}/bulk/delete",
            "GET /zones",
            "GET /zones/{zone_id}/dns_records",
            "POST /zones/{zone_id}/dns_records",
            "PUT /zones/{zone_id}/dns_records/{dns_record_id}",
            "DELETE /zones/{zone_id}/dns_records/{dns_record_id}",
            "POST /certificates",
            "GET /certificates",
            "DELETE /certificates/{certificate_id}",
            "GET /zones/{zone_id}/settings/{setting_id}",
            "PATCH /zones/{zone_id}/settings/{setting_id}",
            "GET /zones/{zone_id}/pagerules",
            "POST /zones/{zone_id}/pagerules",
            "DELETE /zones/{zone_id}/pagerules/{pagerule_id}");

    @Test
    @Timeout(60)
    void theOfficialSdkAgreesWithTheSimulator(@TempDir Path work) throws Exception {
        RefereeScript.requireInstalled("cloudflare", "cloudflare", "npm-ci-cloudflare-referee");
        Path csr = work.resolve("origin.csr");
        Files.writeString(csr, rsaCsr("example.com"));

        // Six accounts and seven zones, so the SDK's iterators walk more than one page of five.
        List<CloudflareSimConfig.Account> accounts = new ArrayList<>(
                List.of(new CloudflareSimConfig.Account(CloudflareSimConfig.SANDBOX_ACCOUNT_ID, "Sandbox account")));
        IntStream.rangeClosed(2, 6)
                .forEach(i -> accounts.add(
                        new CloudflareSimConfig.Account("5a4db0c000000000000000000000000" + i, "Account " + i)));
        List<String> zones = new ArrayList<>(List.of("example.com", "example.org"));
        IntStream.rangeClosed(1, 5).forEach(i -> zones.add("zone" + i + ".example.net"));
        try (CloudflareSimulator sim = CloudflareSimulator.start(CloudflareSimConfig.defaults()
                .withPort(0)
                .withAccounts(accounts)
                .withZones(zones))) {
            RefereeScript referee = RefereeScript.run(
                    "cloudflare",
                    List.of(sim.baseUri().toString(), CloudflareSimConfig.SANDBOX_ACCOUNT_ID, csr.toString()),
                    CloudflareOfficialSdkTest::onlyTheseTokens,
                    SCRIPT_TIMEOUT,
                    work);
            JsonNode report = referee.report();
            assertThat(report.path("sdk").asText()).isEqualTo("7.3.0");
            report.path("requests").forEach(r -> assertThat(r.asText()).matches("[A-Z]+ /client/v4/.*"));
            referee.assertAllPass("official Cloudflare SDK 7.3.0", EXPECTED);

            // Typed fields, checked once more here where a failure names them.
            assertThat(referee.field("zones.list (auto-pagination)", "pages").asInt())
                    .isGreaterThan(1);
            assertThat(referee.field("accounts.list (auto-pagination)", "pages").asInt())
                    .isGreaterThan(1);
            assertThat(referee.field("kv.namespaces.keys.list (prefix, cursor auto-pagination)", "calls")
                            .asInt())
                    .isEqualTo(2);
            assertThat(referee.field("dns.records.list (name.exact)", "query").asText())
                    .contains("name.exact=app.example.com");
            assertThat(referee.field("originCACertificates.create", "expiresOn").asText())
                    .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\+0000 UTC");

            // The simulator's side: the zone holds what the SDK left, and every route our own client uses was reached.
            ZoneSnapshot snapshot = sim.snapshot("example.com");
            assertThat(snapshot.settings())
                    .containsEntry("ssl", "strict")
                    .containsEntry("always_use_https", "on")
                    .containsEntry("min_tls_version", "1.2");
            assertThat(snapshot.dnsRecords())
                    .extracting(ZoneSnapshot.DnsRecord::name)
                    .containsExactly("_xanthus.example.com");
            assertThat(snapshot.pageRules()).isEmpty();
            assertThat(snapshot.certificates()).singleElement().satisfies(c -> assertThat(c.revoked())
                    .isTrue());
            assertThat(sim.server().calls().keySet()).containsAll(CLIENT_ROUTES);
        }
    }

    /** Only the tokens given here: no CLOUDFLARE_* of the environment (the SDK reads them) reaches the script. */
    private static void onlyTheseTokens(Map<String, String> environment) {
        environment.keySet().removeIf(name -> name.startsWith("CLOUDFLARE_"));
        environment.put("CF_REFEREE_USER_TOKEN", CloudflareSimConfig.SANDBOX_TOKEN);
        environment.put("CF_REFEREE_ACCOUNT_TOKEN", CloudflareSimConfig.SANDBOX_ACCOUNT_TOKEN);
    }

    private static String rsaCsr(String commonName) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        var request = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + commonName), keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate()));
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(request);
        }
        return pem.toString();
    }
}
