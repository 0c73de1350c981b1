package dev.xanthus.sandbox.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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

  private static final Path REFEREE = Path.of("referees", "cloudflare");
  private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(45);

  /** Every operation the script must report, each passing; a check dropped from the script fails here. */
  private static final List<String> EXPECTED = List.of(
      "Loopback guard", "user.tokens.verify", "accounts.tokens.verify (account-owned token)",
      "user.tokens.verify (account-owned token)", "user.get", "memberships.list (auto-pagination)",
      "accounts.list (auto-pagination)", "zones.list (auto-pagination)",
      "zones.list (name filter)", "zones.get", "zones.get (unknown zone)",
      "kv.namespaces.create", "kv.namespaces.create (same title)", "kv.namespaces.get",
      "kv.namespaces.list (auto-pagination)", "kv.namespaces.values.update (multipart, metadata, expiration_ttl)",
      "kv.namespaces.values.update (plain)", "kv.namespaces.values.get", "kv.namespaces.values.get (plain, UTF-8)",
      "kv.namespaces.metadata.get", "kv.namespaces.values.get (missing key)", "kv.namespaces.bulkUpdate",
      "kv.namespaces.bulkGet (text)", "kv.namespaces.bulkGet (json, withMetadata)",
      "kv.namespaces.bulkGet (json of a non-JSON value)", "kv.namespaces.keys.list (prefix, cursor auto-pagination)",
      "kv.namespaces.keys.list (expiration of an expiring key)", "kv.namespaces.bulkDelete",
      "kv.namespaces.values.delete", "kv.namespaces.delete", "kv.namespaces.get (deleted)",
      "dns.records.create", "dns.records.create (TXT)", "dns.records.create (same record again)",
      "dns.records.list (name.exact)", "dns.records.list (type)",
      "dns.records.list (all, auto-pagination)", "dns.records.get",
      "dns.records.edit (PATCH)", "dns.records.update (PUT)", "dns.records.delete", "dns.records.get (deleted)",
      "zones.settings.get ssl", "zones.settings.edit ssl", "zones.settings.get always_use_https",
      "zones.settings.edit always_use_https", "zones.settings.get min_tls_version",
      "zones.settings.edit min_tls_version", "zones.settings.edit min_tls_version (bad value)",
      "originCACertificates.create", "originCACertificates.list (zone_id)", "originCACertificates.get",
      "originCACertificates.delete (revoke)",
      "pageRules.create", "pageRules.get", "pageRules.list", "pageRules.delete");

  /** The routes of the simulator HttpCloudflareClient uses; the SDK must have reached each. */
  private static final List<String> CLIENT_ROUTES = List.of(
      "GET /user/tokens/verify", "GET /accounts/{account_id}/tokens/verify", "GET /user", "GET /memberships",
      "GET /accounts",
      "GET /accounts/{account_id}/storage/kv/namespaces", "POST /accounts/{account_id}/storage/kv/namespaces",
      "GET /accounts/{account_id}/storage/kv/namespaces/{namespace_id}/values/{key_name}",
      "PUT /accounts/{account_id}/storage/kv/namespaces/{namespace_id}/values/{key_name}",
      "DELETE /accounts/{account_id}/storage/kv/namespaces/{namespace_id}/values/{key_name}",
      "GET /accounts/{account_id}/storage/kv/namespaces/{namespace_id}/keys",
      "POST /accounts/{account_id}/storage/kv/namespaces/{namespace_id}/bulk/get",
      "PUT /accounts/{account_id}/storage/kv/namespaces/{namespace_id}/bulk",
      "POST /accounts/{account_id}/storage/kv/namespaces/{namespace_id}/bulk/delete",
      "GET /zones", "GET /zones/{zone_id}/dns_records", "POST /zones/{zone_id}/dns_records",
      "PUT /zones/{zone_id}/dns_records/{dns_record_id}", "DELETE /zones/{zone_id}/dns_records/{dns_record_id}",
      "POST /certificates", "GET /certificates", "DELETE /certificates/{certificate_id}",
      "GET /zones/{zone_id}/settings/{setting_id}", "PATCH /zones/{zone_id}/settings/{setting_id}",
      "GET /zones/{zone_id}/pagerules", "POST /zones/{zone_id}/pagerules",
      "DELETE /zones/{zone_id}/pagerules/{pagerule_id}");

  @Test
  @Timeout(60)
  void theOfficialSdkAgreesWithTheSimulator(@TempDir Path work) throws Exception {
    Path sdk = REFEREE.resolve("node_modules").resolve("cloudflare");
    if (!Files.isDirectory(sdk)) {
      fail("Cloudflare SDK missing: " + sdk.toAbsolutePath()
          + " (the sandbox build's npm-ci-cloudflare-referee step installs it)");
    }
    Path csr = work.resolve("origin.csr");
    Files.writeString(csr, rsaCsr("example.com"));

    // Six accounts and seven zones, so the SDK's iterators walk more than one page of five.
    List<CloudflareSimConfig.Account> accounts = new ArrayList<>(
        List.of(new CloudflareSimConfig.Account(CloudflareSimConfig.SANDBOX_ACCOUNT_ID, "Sandbox account")));
    IntStream.rangeClosed(2, 6).forEach(i -> accounts.add(
        new CloudflareSimConfig.Account("5a4db0c000000000000000000000000" + i, "Account " + i)));
    List<String> zones = new ArrayList<>(List.of("example.com", "example.org"));
    IntStream.rangeClosed(1, 5).forEach(i -> zones.add("zone" + i + ".example.net"));
    try (CloudflareSimulator sim = CloudflareSimulator.start(CloudflareSimConfig.defaults().withPort(0)
        .withAccounts(accounts).withZones(zones))) {
      JsonNode report = run(sim.baseUri().toString(), csr, work);
      Map<String, JsonNode> byName = new LinkedHashMap<>();
      report.path("operations").forEach(o -> byName.put(o.path("op").asText(), o));
      System.out.println(table(byName));

      assertThat(report.path("crashed").isMissingNode()).as("script crash: %s", report.path("crashed")).isTrue();
      assertThat(report.path("guardSelfTest").toString()).as("the guard's own check")
          .isEqualTo("[\"GET http://192.0.2.1:9\",\"socket 192.0.2.1:9\"]");
      assertThat(report.path("refused")).as("requests the loopback guard refused").isEmpty();
      assertThat(report.path("sdk").asText()).isEqualTo("7.3.0");
      report.path("requests").forEach(r -> assertThat(r.asText()).matches("[A-Z]+ /client/v4/.*"));

      List<String> failing = new ArrayList<>();
      for (String name : EXPECTED) {
        JsonNode o = byName.get(name);
        if (o == null || !o.path("ok").asBoolean()) {
          failing.add(name + " → " + (o == null ? "not reported" : o.path("failed").isArray()
              ? "wrong " + o.path("failed") + " in " + o.path("fields") : o.path("error") + " " + o.path("fields")));
        }
      }
      assertThat(failing).as("operations the SDK and the simulator disagree on").isEmpty();
      assertThat(byName.keySet()).containsExactlyElementsOf(EXPECTED);

      // Typed fields, checked once more here where a failure names them.
      assertThat(byName.get("zones.list (auto-pagination)").path("fields").path("pages").asInt()).isGreaterThan(1);
      assertThat(byName.get("accounts.list (auto-pagination)").path("fields").path("pages").asInt()).isGreaterThan(1);
      assertThat(byName.get("kv.namespaces.keys.list (prefix, cursor auto-pagination)").path("fields").path("calls")
          .asInt()).isEqualTo(2);
      assertThat(byName.get("dns.records.list (name.exact)").path("fields").path("query").asText())
          .contains("name.exact=app.example.com");
      assertThat(byName.get("originCACertificates.create").path("fields").path("expiresOn").asText())
          .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\+0000 UTC");

      // The simulator's side: the zone holds what the SDK left, and every route our own client uses was reached.
      ZoneSnapshot snapshot = sim.snapshot("example.com");
      assertThat(snapshot.settings()).containsEntry("ssl", "strict").containsEntry("always_use_https", "on")
          .containsEntry("min_tls_version", "1.2");
      assertThat(snapshot.dnsRecords()).extracting(ZoneSnapshot.DnsRecord::name).containsExactly("_xanthus.example.com");
      assertThat(snapshot.pageRules()).isEmpty();
      assertThat(snapshot.certificates()).singleElement().satisfies(c -> assertThat(c.revoked()).isTrue());
      assertThat(sim.server().calls().keySet()).containsAll(CLIENT_ROUTES);
    }
  }

  /** Runs the referee script, bounded; its stdout is the JSON report, its stderr is kept for a failure message. */
  private static JsonNode run(String baseUrl, Path csr, Path work) throws IOException, InterruptedException {
    Path out = work.resolve("report.json");
    Path err = work.resolve("stderr.txt");
    ProcessBuilder builder = new ProcessBuilder("node", "referee.js", baseUrl, CloudflareSimConfig.SANDBOX_ACCOUNT_ID,
        csr.toString()).directory(REFEREE.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
    // Only the tokens given here: no CLOUDFLARE_* of the environment (the SDK reads them) reaches the script.
    builder.environment().keySet().removeIf(name -> name.startsWith("CLOUDFLARE_"));
    builder.environment().put("CF_REFEREE_USER_TOKEN", CloudflareSimConfig.SANDBOX_TOKEN);
    builder.environment().put("CF_REFEREE_ACCOUNT_TOKEN", CloudflareSimConfig.SANDBOX_ACCOUNT_TOKEN);
    Process node = builder.start();
    if (!node.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      node.destroyForcibly();
      fail("referee.js did not finish within " + SCRIPT_TIMEOUT + "; stderr: " + tail(err));
    }
    String report = Files.readString(out, StandardCharsets.UTF_8);
    // kept for a look after a failure (sandbox ids and values only; the sandbox tokens are not in it)
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "cloudflare-referee-report.json"), report, StandardCharsets.UTF_8);
    if (node.exitValue() != 0 || report.isBlank()) {
      fail("referee.js exited " + node.exitValue() + "; stderr: " + tail(err));
    }
    return new ObjectMapper().readTree(report);
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

  private static String tail(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
  }

  /** The operation × pass table, printed with the test's output. */
  private static String table(Map<String, JsonNode> operations) {
    StringBuilder table = new StringBuilder("| operation (official Cloudflare SDK 7.3.0) | pass | ms |\n|---|---|---|\n");
    operations.forEach((name, o) -> table.append("| ").append(name).append(" | ")
        .append(o.path("ok").asBoolean() ? "yes" : "NO").append(" | ").append(o.path("ms").asText("-"))
        .append(" |\n"));
    return table.toString();
  }
}
