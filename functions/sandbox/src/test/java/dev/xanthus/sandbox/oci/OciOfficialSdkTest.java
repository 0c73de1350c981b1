package dev.xanthus.sandbox.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xanthus.sandbox.referee.RefereeScript;
import dev.xanthus.sandbox.ssh.SandboxServers;
import dev.xanthus.sandbox.ssh.SshTestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(120);

    /** Every operation the script must report, each passing; a check dropped from the script fails here. */
    private static final List<String> EXPECTED = List.of(
            "Loopback guard",
            "GetUser",
            "GetTenancy",
            "ListRegionSubscriptions",
            "ListAvailabilityDomains",
            "ListCompartments",
            "Region keys",
            "ListShapes",
            "ListImages",
            "CreateVcn",
            "CreateVcn (same opc-retry-token)",
            "GetVcn",
            "ListVcns",
            "CreateInternetGateway",
            "GetInternetGateway",
            "ListInternetGateways",
            "GetRouteTable",
            "UpdateRouteTable",
            "ListRouteTables",
            "CreateSecurityList",
            "GetSecurityList",
            "ListSecurityLists",
            "UpdateSecurityList",
            "UpdateSecurityList (stale If-Match)",
            "CreateSubnet",
            "GetSubnet (waiter AVAILABLE)",
            "ListSubnets",
            "DeleteVcn (still has a subnet)",
            "LaunchInstance",
            "LaunchInstance (same opc-retry-token)",
            "GetInstance (waiter RUNNING)",
            "ListInstances",
            "ListVnicAttachments",
            "GetVnic",
            "InstanceAction SOFTSTOP",
            "GetInstance (waiter STOPPED)",
            "InstanceAction SOFTSTOP (already stopped)",
            "InstanceAction START",
            "GetInstance (waiter RUNNING after START)",
            "InstanceAction SOFTRESET",
            "GetInstance (waiter RUNNING after SOFTRESET)",
            "InstanceAction STOP",
            "GetInstance (waiter STOPPED after STOP)",
            "InstanceAction START (again)",
            "GetInstance (waiter RUNNING again)",
            "TerminateInstance",
            "GetInstance (waiter TERMINATED)",
            "DeleteSubnet",
            "UpdateRouteTable (no rules)",
            "DeleteInternetGateway",
            "DeleteSecurityList",
            "DeleteVcn (waiter TERMINATED)",
            "GetUser (signed by another key)");

    /** The routes of the simulator HttpOciClient uses; the SDK must have reached each (same paths as our client). */
    private static final List<String> CLIENT_ROUTES = List.of(
            "GET /users/{userId}",
            "GET /tenancies/{tenancyId}",
            "GET /tenancies/{tenancyId}/regionSubscriptions",
            "GET /availabilityDomains/",
            "GET /shapes",
            "GET /images",
            "POST /instances/",
            "GET /instances/",
            "GET /instances/{instanceId}",
            "POST /instances/{instanceId}",
            "DELETE /instances/{instanceId}",
            "GET /vnicAttachments/",
            "GET /vnics/{vnicId}",
            "GET /vcns",
            "POST /vcns",
            "DELETE /vcns/{vcnId}",
            "GET /internetGateways",
            "POST /internetGateways",
            "DELETE /internetGateways/{igId}",
            "GET /routeTables/{rtId}",
            "PUT /routeTables/{rtId}",
            "GET /securityLists",
            "POST /securityLists",
            "DELETE /securityLists/{securityListId}",
            "GET /subnets",
            "POST /subnets",
            "DELETE /subnets/{subnetId}");

    @Test
    @Timeout(180)
    void theOfficialSdkAgreesWithTheSimulator(@TempDir Path keyDir, @TempDir Path work) throws Exception {
        RefereeScript.requireInstalled("oci", "oci-core", "npm-ci-oci-referee");
        Path sshKey = work.resolve("id_rsa.pub");
        Files.writeString(sshKey, SshTestClient.authorizedKeyLine(SshTestClient.newRsaKey()) + "\n");

        // Steps of a few hundred ms: the waiters see each transitional state go by, and the whole walk stays short.
        try (OciSimulator sim = OciSimulator.start(OciSimulator.Config.defaults()
                .withPort(0)
                .withKeyDir(keyDir)
                .withTimings(OciSimulator.Timings.uniform(Duration.ofMillis(300)))
                .withSandbox(SandboxServers.Config.uniform(Duration.ofMillis(50))))) {
            RefereeScript referee = RefereeScript.run(
                    "oci",
                    List.of(keyDir.toString(), sim.baseUri().toString(), sshKey.toString()),
                    OciOfficialSdkTest::regionKeys,
                    SCRIPT_TIMEOUT,
                    work);
            JsonNode report = referee.report();
            report.path("sdk").forEach(version -> assertThat(version.asText()).isEqualTo("2.139.1"));
            assertThat(report.path("sdk")).hasSize(3);
            report.path("requests").forEach(r -> assertThat(r.asText()).matches("[A-Z]+ /20160918/.*"));
            referee.assertAllPass("official OCI SDK 2.139.1", EXPECTED);

            // The lifecycle as the SDK's waiters saw it.
            assertThat(report.path("lifecycle").toString())
                    .isEqualTo("[\"PROVISIONING\",\"RUNNING\",\"STOPPED\","
                            + "\"RUNNING\",\"RUNNING\",\"STOPPED\",\"RUNNING\",\"TERMINATED\"]");
            // Typed fields, checked once more here where a failure names them.
            JsonNode launch = referee.operation("LaunchInstance").path("fields");
            assertThat(launch.path("id").asText()).matches("ocid1\\.instance\\.oc1\\.eu-frankfurt-1\\.[a-z0-9]{60}");
            assertThat(launch.path("shape").asText()).isEqualTo("VM.Standard.A1.Flex");
            assertThat(launch.path("lifecycleState").asText()).isEqualTo("PROVISIONING");
            assertThat(launch.path("freeformTags").path("managed_by").asText()).isEqualTo("xanthus");
            assertThat(referee.field("ListShapes", "pages").asInt()).isGreaterThan(1);

            // The simulator's side: one instance only (the resend with the same retry token created none), and every
            // route our own client uses was reached by the SDK's requests.
            JsonNode instances = sim.resources().path("instances");
            assertThat(instances).hasSize(1);
            assertThat(instances.get(0).path("id").asText())
                    .isEqualTo(launch.path("id").asText());
            assertThat(instances.get(0).path("lifecycleState").asText()).isEqualTo("TERMINATED");
            // (our client writes /instances/, /availabilityDomains/ and /vnicAttachments/ as OCI's API reference does,
            // the
            // SDK leaves the slash out; OCI and the simulator answer both)
            List<String> reached = sim.http().calls().keySet().stream()
                    .map(r -> r.replaceAll("/$", ""))
                    .toList();
            assertThat(reached)
                    .containsAll(CLIENT_ROUTES.stream()
                            .map(r -> r.replaceAll("/$", ""))
                            .toList());
        }
    }

    /** The simulator's region keys, which the script checks against the SDK's own region table. */
    private static void regionKeys(Map<String, String> environment) {
        Map<String, String> keys = new java.util.TreeMap<>();
        OciCatalog.knownRegions().forEach(region -> keys.put(region, OciCatalog.regionKey(region)));
        try {
            environment.put("OCI_REGION_KEYS", new ObjectMapper().writeValueAsString(keys));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
