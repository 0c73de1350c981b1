package dev.xanthus.clients.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xanthus.sandbox.http.Fault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every genuine Cloudflare example, served with its documented status, parses into the right record or error. */
class CloudflareExamplesTest {

    private static final JsonNode INDEX = readIndex();
    private static final String NAMESPACES = "/accounts/{account_id}/storage/kv/namespaces";

    @RegisterExtension
    final CloudflareSandbox sandbox = new CloudflareSandbox();

    @Test
    void everyCloudflareExample_shouldBeCoveredByThisTest() {
        List<String> names = StreamSupport.stream(INDEX.spliterator(), false)
                .filter(e -> e.path("name").asText().startsWith("cf-"))
                .map(e -> e.path("name").asText())
                .toList();

        assertThat(names).hasSize(15);
    }

    @Test
    void verifyTokenSuccess_shouldParseDates() {
        serve("cf-verify-token-success", "GET /user/tokens/verify");

        TokenVerification verification = sandbox.client().verifyToken();

        assertThat(verification)
                .isEqualTo(new TokenVerification(
                        "ed17574386854bf78a67040be0a770b0",
                        "active",
                        Instant.parse("2018-07-01T05:20:00Z"),
                        Instant.parse("2020-01-01T00:00:00Z")));
    }

    @Test
    void verifyTokenSuccessLive_shouldParseWithoutDates() {
        serve("cf-verify-token-success-live", "GET /user/tokens/verify");

        assertThat(sandbox.client().verifyToken())
                .isEqualTo(new TokenVerification("6247ac8d9c10ba11154a2b82d35953b7", "active", null, null));
    }

    @Test
    void verifyTokenInvalid_shouldBeUnauthorized1000() {
        serve("cf-verify-token-invalid-token", "GET /user/tokens/verify");

        assertError(() -> sandbox.client().verifyToken(), CloudflareException.Kind.UNAUTHORIZED, 401, 1000);
    }

    @Test
    void verifyTokenMalformedHeader_shouldBeUnauthorizedWithChain() {
        serve("cf-verify-token-malformed-header", "GET /user/tokens/verify");

        CloudflareException e =
                assertError(() -> sandbox.client().verifyToken(), CloudflareException.Kind.UNAUTHORIZED, 400, 6003);
        assertThat(e.codes()).contains(6111);
        assertThat(e.errors().get(0).errorChain())
                .extracting(CloudflareError::code)
                .containsExactly(6111);
    }

    @Test
    void verifyTokenMissingHeader_shouldBeUnauthorized1001() {
        serve("cf-verify-token-missing-header", "GET /user/tokens/verify");

        assertError(() -> sandbox.client().verifyToken(), CloudflareException.Kind.UNAUTHORIZED, 400, 1001);
    }

    @Test
    void invalidAccessToken_shouldBeUnauthorized9109() {
        serve("cf-error-invalid-access-token", "GET /zones");

        assertError(() -> sandbox.client().listZones(), CloudflareException.Kind.UNAUTHORIZED, 403, 9109);
    }

    @Test
    void authenticationError_shouldBeUnauthorized10000_evenWithoutMessagesOrResult() {
        serve("cf-error-authentication-error", "GET " + NAMESPACES);

        assertError(
                () -> sandbox.client().listKvNamespaces(sandbox.accountId()),
                CloudflareException.Kind.UNAUTHORIZED,
                401,
                10000);
    }

    @Test
    void listAccounts_shouldParseAccounts() {
        serve("cf-list-accounts", "GET /accounts");

        assertThat(sandbox.client().listAccounts())
                .containsExactly(new Account("01a7362d577a6c3019a474fd6f485823", "Cloudflare Demo"));
    }

    @Test
    void listZones_shouldParseZones_andStopOnTheShortPage() {
        serve("cf-list-zones", "GET /zones");

        assertThat(sandbox.client().listZones()).singleElement().satisfies(zone -> {
            assertThat(zone.id()).isEqualTo("023e105f4ecef8ad9ca31a8372d0c353");
            assertThat(zone.name()).isEqualTo("example.com");
            assertThat(zone.status()).isEqualTo("active");
        });
        assertThat(sandbox.server().calls("GET /zones")).isEqualTo(1);
    }

    @Test
    void createDnsRecord_shouldParseTheRecord() {
        serve("cf-create-dns-record", "POST /zones/{zone_id}/dns_records");

        DnsRecord record = sandbox.client()
                .createDnsRecord(
                        sandbox.simulator().zoneId("example.com"),
                        new DnsRecordInput("A", "xn--138h.example.com", "198.51.100.4", false, 120, null));

        assertThat(record)
                .isEqualTo(new DnsRecord(
                        "372e67954025e0ba6aaa6d586b9e0b59",
                        "A",
                        "xn--138h.example.com",
                        "198.51.100.4",
                        false,
                        120,
                        null,
                        Instant.parse("2014-01-01T05:20:00Z"),
                        Instant.parse("2014-01-01T05:20:00Z")));
    }

    @Test
    void createOriginCertificate_shouldParseTheCertificate() {
        serve("cf-create-origin-ca-certificate", "POST /certificates");

        OriginCertificate certificate = sandbox.client()
                .createOriginCertificate(
                        OriginCertificateRequest.rsa("csr", List.of("example.com", "*.another.com"), 5475));

        assertThat(certificate.id()).isEqualTo("0x47530d8f561faa08");
        assertThat(certificate.certificate()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(certificate.hostnames()).containsExactly("example.com", "*.another.com");
        assertThat(certificate.expiresOn()).isEqualTo(Instant.parse("2014-01-01T05:20:00.12345Z"));
        assertThat(certificate.requestType()).isEqualTo("origin-rsa");
        assertThat(certificate.requestedValidity()).isEqualTo(5475);
    }

    @Test
    void listKvNamespaces_shouldParseNamespaces() {
        serve("cf-list-kv-namespaces", "GET " + NAMESPACES);

        assertThat(sandbox.client().listKvNamespaces(sandbox.accountId()))
                .containsExactly(
                        new KvNamespace("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "test_namespace_1"),
                        new KvNamespace("yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy", "test_namespace_2"));
    }

    @Test
    void createKvNamespace_shouldParseTheNamespace() {
        serve("cf-create-kv-namespace", "POST " + NAMESPACES);

        assertThat(sandbox.client().createKvNamespace(sandbox.accountId(), "test_namespace"))
                .isEqualTo(new KvNamespace("3aeaxxxxee014exxxx4cf66xxxxc0448", "test_namespace"));
    }

    @Test
    void listKvKeys_shouldParseKeys_andStopWithoutACursor() {
        serve("cf-list-kv-keys", "GET " + NAMESPACES + "/{namespace_id}/keys");

        assertThat(sandbox.client().listKvKeys(sandbox.accountId(), "ns", null))
                .containsExactly(new KvKey("test_key_1", null, null), new KvKey("test_key_2", null, null));
    }

    @Test
    void getSslSetting_shouldParseTheSetting() {
        serve("cf-get-ssl-setting", "GET /zones/{zone_id}/settings/{setting_id}");

        assertThat(sandbox.client().getZoneSetting(sandbox.simulator().zoneId("example.com"), ZoneSetting.Id.SSL))
                .isEqualTo(new ZoneSetting("ssl", "off", true, Instant.parse("2014-01-01T05:20:00.12345Z")));
    }

    /** Answers the next call of {@code route} with the example's body and its documented HTTP status. */
    private void serve(String example, String route) {
        JsonNode entry = StreamSupport.stream(INDEX.spliterator(), false)
                .filter(e -> e.path("name").asText().equals(example))
                .findFirst()
                .orElseThrow();
        String body = ContractValidator.resource(
                "/contracts/examples/" + entry.path("file").asText());
        sandbox.server()
                .faults()
                .inject(route, Fault.status(entry.path("http_status").asInt(), body), 1);
    }

    private static CloudflareException assertError(Runnable call, CloudflareException.Kind kind, int status, int code) {
        try {
            call.run();
        } catch (CloudflareException e) {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.codes()).contains(code);
            return e;
        }
        throw new AssertionError("expected a CloudflareException");
    }

    private static JsonNode readIndex() {
        try {
            return new ObjectMapper().readTree(ContractValidator.resource("/contracts/examples/index.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
