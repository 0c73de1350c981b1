package dev.xanthus.sandbox.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xanthus.sandbox.ssh.SandboxServers;
import dev.xanthus.sandbox.ssh.SshTestClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Oracle's official OCI SDK (npm oci-common/oci-identity/oci-core 2.139.1, {@code referees/oci}) as referee: it signs
 * its own requests and parses the answers into its own typed models, so a simulator that verifies signatures, names
 * parameters, spells enums or formats dates differently from OCI fails here. The script performs every call
 * {@code HttpOciClient} makes (plus UpdateSecurityList and ListCompartments), walks an instance through its life with
 * the SDK's waiters, and reports each operation with its key typed fields; this test asserts that report.
 * Contract facts used: {@code contracts/oci/README.md}.
 */
class OciOfficialSdkTest {

  private static final Path REFEREE = Path.of("referees", "oci");
  private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(120);

  /** Every operation the script must report, each passing; a check dropped from the script fails here. */
  private static final List<String> EXPECTED = List.of(
      "Loopback guard", "GetUser", "GetTenancy", "ListRegionSubscriptions", "ListAvailabilityDomains", "ListCompartments",
      "Region keys", "ListShapes", "ListImages",
      "CreateVcn", "CreateVcn (same opc-retry-token)", "GetVcn", "ListVcns",
      "CreateInternetGateway", "GetInternetGateway", "ListInternetGateways",
      "GetRouteTable", "UpdateRouteTable", "ListRouteTables",
      "CreateSecurityList", "GetSecurityList", "ListSecurityLists", "UpdateSecurityList",
      "UpdateSecurityList (stale If-Match)",
      "CreateSubnet", "GetSubnet (waiter AVAILABLE)", "ListSubnets", "DeleteVcn (still has a subnet)",
      "LaunchInstance", "LaunchInstance (same opc-retry-token)", "GetInstance (waiter RUNNING)", "ListInstances",
      "ListVnicAttachments", "GetVnic",
      "InstanceAction SOFTSTOP", "GetInstance (waiter STOPPED)", "InstanceAction SOFTSTOP (already stopped)",
      "InstanceAction START", "GetInstance (waiter RUNNING after START)",
      "InstanceAction SOFTRESET", "GetInstance (waiter RUNNING after SOFTRESET)",
      "InstanceAction STOP", "GetInstance (waiter STOPPED after STOP)",
      "InstanceAction START (again)", "GetInstance (waiter RUNNING again)",
      "TerminateInstance", "GetInstance (waiter TERMINATED)",
      "DeleteSubnet", "UpdateRouteTable (no rules)", "DeleteInternetGateway", "DeleteSecurityList",
      "DeleteVcn (waiter TERMINATED)", "GetUser (signed by another key)");

  /** The routes of the simulator HttpOciClient uses; the SDK must have reached each (same paths as our client). */
  private static final List<String> CLIENT_ROUTES = List.of(
      "GET /users/{userId}", "GET /tenancies/{tenancyId}", "GET /tenancies/{tenancyId}/regionSubscriptions",
      "GET /availabilityDomains/", "GET /shapes", "GET /images", "POST /instances/", "GET /instances/",
      "GET /instances/{instanceId}", "POST /instances/{instanceId}", "DELETE /instances/{instanceId}",
      "GET /vnicAttachments/", "GET /vnics/{vnicId}", "GET /vcns", "POST /vcns", "DELETE /vcns/{vcnId}",
      "GET /internetGateways", "POST /internetGateways", "DELETE /internetGateways/{igId}",
      "GET /routeTables/{rtId}", "PUT /routeTables/{rtId}", "GET /securityLists", "POST /securityLists",
      "DELETE /securityLists/{securityListId}", "GET /subnets", "POST /subnets", "DELETE /subnets/{subnetId}");

  @Test
  @Timeout(180)
  void theOfficialSdkAgreesWithTheSimulator(@TempDir Path keyDir, @TempDir Path work) throws Exception {
    Path sdk = REFEREE.resolve("node_modules").resolve("oci-core");
    if (!Files.isDirectory(sdk)) {
      fail("OCI SDK missing: " + sdk.toAbsolutePath() + " (the sandbox build's npm-ci-oci-referee step installs it)");
    }
    Path sshKey = work.resolve("id_rsa.pub");
    Files.writeString(sshKey, SshTestClient.authorizedKeyLine(SshTestClient.newRsaKey()) + "\n");

    // Steps of a few hundred ms: the waiters see each transitional state go by, and the whole walk stays short.
    try (OciSimulator sim = OciSimulator.start(OciSimulator.Config.defaults().withPort(0).withKeyDir(keyDir)
        .withTimings(OciSimulator.Timings.uniform(Duration.ofMillis(300)))
        .withSandbox(SandboxServers.Config.uniform(Duration.ofMillis(50))))) {
      JsonNode report = run(keyDir, sim.baseUri().toString(), sshKey, work);
      Map<String, JsonNode> byName = new LinkedHashMap<>();
      report.path("operations").forEach(o -> byName.put(o.path("op").asText(), o));
      System.out.println(table(byName));

      assertThat(report.path("crashed").isMissingNode()).as("script crash: %s", report.path("crashed")).isTrue();
      assertThat(report.path("guardSelfTest").toString()).as("the guard's own check")
          .isEqualTo("[\"GET http://192.0.2.1:9\",\"socket 192.0.2.1:9\"]");
      assertThat(report.path("refused")).as("requests the loopback guard refused").isEmpty();
      report.path("sdk").forEach(version -> assertThat(version.asText()).isEqualTo("2.139.1"));
      assertThat(report.path("sdk")).hasSize(3);
      report.path("requests").forEach(r -> assertThat(r.asText()).matches("[A-Z]+ /20160918/.*"));

      List<String> failing = new ArrayList<>();
      for (String name : EXPECTED) {
        JsonNode o = byName.get(name);
        if (o == null || !o.path("ok").asBoolean()) {
          failing.add(name + " → " + (o == null ? "not reported" : o.path("failed").isArray()
              ? "wrong " + o.path("failed") + " in " + o.path("fields") : o.path("error")));
        }
      }
      assertThat(failing).as("operations the SDK and the simulator disagree on").isEmpty();
      assertThat(byName.keySet()).containsExactlyElementsOf(EXPECTED);

      // The lifecycle as the SDK's waiters saw it.
      assertThat(report.path("lifecycle").toString()).isEqualTo("[\"PROVISIONING\",\"RUNNING\",\"STOPPED\","
          + "\"RUNNING\",\"RUNNING\",\"STOPPED\",\"RUNNING\",\"TERMINATED\"]");
      // Typed fields, checked once more here where a failure names them.
      JsonNode launch = byName.get("LaunchInstance").path("fields");
      assertThat(launch.path("id").asText()).matches("ocid1\\.instance\\.oc1\\.eu-frankfurt-1\\.[a-z0-9]{60}");
      assertThat(launch.path("shape").asText()).isEqualTo("VM.Standard.A1.Flex");
      assertThat(launch.path("lifecycleState").asText()).isEqualTo("PROVISIONING");
      assertThat(launch.path("freeformTags").path("managed_by").asText()).isEqualTo("xanthus");
      assertThat(byName.get("ListShapes").path("fields").path("pages").asInt()).isGreaterThan(1);

      // The simulator's side: one instance only (the resend with the same retry token created none), and every
      // route our own client uses was reached by the SDK's requests.
      JsonNode instances = sim.resources().path("instances");
      assertThat(instances).hasSize(1);
      assertThat(instances.get(0).path("id").asText()).isEqualTo(launch.path("id").asText());
      assertThat(instances.get(0).path("lifecycleState").asText()).isEqualTo("TERMINATED");
      // (our client writes /instances/, /availabilityDomains/ and /vnicAttachments/ as OCI's API reference does, the
      // SDK leaves the slash out; OCI and the simulator answer both)
      List<String> reached = sim.http().calls().keySet().stream().map(r -> r.replaceAll("/$", "")).toList();
      assertThat(reached).containsAll(CLIENT_ROUTES.stream().map(r -> r.replaceAll("/$", "")).toList());
    }
  }

  /** Runs the referee script, bounded; its stdout is the JSON report, its stderr is kept for a failure message. */
  private static JsonNode run(Path keyDir, String endpoint, Path sshKey, Path work) throws IOException,
      InterruptedException {
    Path out = work.resolve("report.json");
    Path err = work.resolve("stderr.txt");
    ProcessBuilder builder = new ProcessBuilder("node", "referee.js", keyDir.toString(), endpoint, sshKey.toString())
        .directory(REFEREE.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
    Map<String, String> regionKeys = new java.util.TreeMap<>();
    OciCatalog.knownRegions().forEach(region -> regionKeys.put(region, OciCatalog.regionKey(region)));
    builder.environment().put("OCI_REGION_KEYS", new ObjectMapper().writeValueAsString(regionKeys));
    Process node = builder.start();
    if (!node.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      node.destroyForcibly();
      fail("referee.js did not finish within " + SCRIPT_TIMEOUT + "; stderr: " + tail(err));
    }
    String report = Files.readString(out, StandardCharsets.UTF_8);
    // kept for a look after a failure (it holds ids and states, never key material)
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "oci-referee-report.json"), report, StandardCharsets.UTF_8);
    if (node.exitValue() != 0 || report.isBlank()) {
      fail("referee.js exited " + node.exitValue() + "; stderr: " + tail(err));
    }
    return new ObjectMapper().readTree(report);
  }

  private static String tail(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
  }

  /** The operation × pass table, printed with the test's output. */
  private static String table(Map<String, JsonNode> operations) {
    StringBuilder table = new StringBuilder("| operation (official OCI SDK 2.139.1) | pass | ms |\n|---|---|---|\n");
    operations.forEach((name, o) -> table.append("| ").append(name).append(" | ")
        .append(o.path("ok").asBoolean() ? "yes" : "NO").append(" | ").append(o.path("ms").asText("-"))
        .append(" |\n"));
    return table.toString();
  }
}
