package dev.xanthus.sandbox.oci;

import static dev.xanthus.sandbox.ssh.SshTestClient.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xanthus.sandbox.ssh.SandboxServer;
import dev.xanthus.sandbox.ssh.SandboxServers;
import dev.xanthus.sandbox.ssh.SshTestClient;
import dev.xanthus.sandbox.ssh.Stage;
import dev.xanthus.sandbox.testing.XanthusUserData;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class OciSimulatorTest {

    private static final Duration STEP = Duration.ofMillis(150);
    private static final KeyPair SSH_KEY = SshTestClient.newRsaKey();
    private static final String T = OciSimulator.SANDBOX_TENANCY;

    private static OciSimulator sim;
    private static SignedClient oci;

    @BeforeAll
    static void start() {
        sim = OciSimulator.start(OciSimulator.Config.defaults()
                .withPort(0)
                .withTimings(OciSimulator.Timings.uniform(STEP))
                .withSandbox(SandboxServers.Config.instant()));
        oci = new SignedClient(
                sim.baseUri(),
                T,
                OciSimulator.SANDBOX_USER,
                sim.sandboxKey().fingerprint(),
                sim.sandboxKey().keyPair().getPrivate());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @AfterEach
    void reset() {
        sim.reset();
    }

    // Signatures

    @Test
    void signedIdentityCallsAreAnswered() {
        JsonNode user = oci.ok(oci.get("/users/" + OciSimulator.SANDBOX_USER));
        assertThat(user.path("compartmentId").asText()).isEqualTo(T);
        assertThat(user.path("lifecycleState").asText()).isEqualTo("ACTIVE");
        assertThat(oci.ok(oci.get("/tenancies/" + T)).path("homeRegionKey").asText())
                .isEqualTo("FRA");
        JsonNode regions = oci.ok(oci.get("/tenancies/" + T + "/regionSubscriptions"));
        assertThat(regions).hasSize(1);
        assertThat(regions.get(0).path("regionName").asText()).isEqualTo("eu-frankfurt-1");
        assertThat(regions.get(0).path("isHomeRegion").asBoolean()).isTrue();
        JsonNode domains = oci.ok(oci.get("/availabilityDomains/?compartmentId=" + T));
        assertThat(domains.get(0).path("name").asText()).isEqualTo("Uocm:EU-FRANKFURT-1-AD-1");
        SignedClient.Answer answer = oci.get("/tenancies/" + T);
        assertThat(answer.header("opc-request-id")).isNotBlank();
        assertThat(answer.header("ETag")).isNotBlank();
    }

    @Test
    void aKeyOtherThanTheRegisteredOneIsNotAuthenticated() {
        KeyPair other = SshTestClient.newRsaKey();
        SignedClient.Answer answer = oci.send(
                "GET", "/tenancies/" + T, null, new SignedClient.Tamper(null, List.of(), null, other.getPrivate()));
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.code()).isEqualTo("NotAuthenticated");
        assertThat(answer.header("opc-request-id")).isNotBlank();
    }

    @Test
    void anUnknownKeyIdIsNotAuthenticated() {
        SignedClient stranger = new SignedClient(
                sim.baseUri(),
                T,
                OciSimulator.SANDBOX_USER,
                "00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff",
                sim.sandboxKey().keyPair().getPrivate());
        assertThat(stranger.get("/tenancies/" + T).status()).isEqualTo(401);
    }

    @Test
    void aStaleDateIsNotAuthenticatedButFourMinutesOfSkewAre() {
        SignedClient.Answer stale = oci.send(
                "GET",
                "/tenancies/" + T,
                null,
                new SignedClient.Tamper(Instant.now().minusSeconds(6 * 60), List.of(), null, null));
        assertThat(stale.status()).isEqualTo(401);
        assertThat(stale.json().path("message").asText()).contains("5 minutes");
        SignedClient.Answer skewed = oci.send(
                "GET",
                "/tenancies/" + T,
                null,
                new SignedClient.Tamper(Instant.now().plusSeconds(4 * 60), List.of(), null, null));
        assertThat(skewed.status()).isEqualTo(200);
    }

    @Test
    void aCreateResentWithItsRetryToken_getsTheFirstAnswer_andCreatesOnce() {
        JsonNode first = oci.ok(oci.post("/vcns", vcnBody("10.0.0.0/16"), "token-1"));
        JsonNode again = oci.ok(oci.post("/vcns", vcnBody("10.0.0.0/16"), "token-1"));

        assertThat(again.path("id").asText()).isEqualTo(first.path("id").asText());
        assertThat(sim.resources().path("vcns")).hasSize(1);
        assertThat(sim.resources().path("routeTables")).hasSize(1);

        SignedClient.Answer otherBody = oci.post("/vcns", vcnBody("10.1.0.0/16"), "token-1");
        assertThat(otherBody.status()).isEqualTo(409);
        assertThat(otherBody.code()).isEqualTo("Conflict");
        assertThat(oci.post("/vcns", vcnBody("10.1.0.0/16"), "x".repeat(65)).status())
                .isEqualTo(400);
        assertThat(sim.resources().path("vcns")).hasSize(1);

        oci.ok(oci.post("/vcns", vcnBody("10.1.0.0/16"), "token-2"));
        assertThat(sim.resources().path("vcns")).hasSize(2);
    }

    @Test
    void aRefusedVcnCreate_leavesNothingBehind() {
        Map<String, Object> body = new LinkedHashMap<>(vcnBody("10.0.0.0/16"));
        body.put("freeformTags", List.of("not", "an", "object"));

        assertThat(oci.post("/vcns", body).status()).isEqualTo(400);

        assertThat(sim.resources().path("vcns")).isEmpty();
        assertThat(sim.resources().path("routeTables")).isEmpty();
        assertThat(sim.resources().path("securityLists")).isEmpty();
    }

    @Test
    void everyRequiredHeaderMustBeSigned() {
        for (String header : List.of("date", "(request-target)", "host")) {
            SignedClient.Answer answer = oci.send(
                    "GET", "/tenancies/" + T, null, new SignedClient.Tamper(null, List.of(header), null, null));
            assertThat(answer.status()).as(header).isEqualTo(401);
        }
        for (String header : List.of("content-length", "content-type", "x-content-sha256")) {
            SignedClient.Answer answer = oci.send(
                    "POST",
                    "/vcns",
                    SignedClient.json(vcnBody("10.0.0.0/16")),
                    new SignedClient.Tamper(null, List.of(header), null, null));
            assertThat(answer.status()).as(header).isEqualTo(401);
            assertThat(answer.json().path("message").asText()).contains(header);
        }
        assertThat(sim.resources().path("vcns")).isEmpty();
    }

    @Test
    void aBodyChangedAfterSigningIsNotAuthenticated() {
        SignedClient.Answer answer = oci.send(
                "POST",
                "/vcns",
                SignedClient.json(vcnBody("10.0.0.0/16")),
                new SignedClient.Tamper(
                        null,
                        List.of(),
                        body -> new String(body, StandardCharsets.UTF_8)
                                .replace("10.0.0.0/16", "10.9.0.0/16")
                                .getBytes(StandardCharsets.UTF_8),
                        null));
        assertThat(answer.status()).isEqualTo(401);
        assertThat(sim.resources().path("vcns")).isEmpty();
    }

    @Test
    void anotherTenancysKeyCannotSeeTheSandboxTenancy() {
        KeyPair key = SshTestClient.newRsaKey();
        String tenancy = "ocid1.tenancy.oc1..aaaaaaaaothertenancyaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
        String user = "ocid1.user.oc1..aaaaaaaaotheruseraaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
        String fingerprint = sim.registerKey(tenancy, user, key.getPublic());
        SignedClient other = new SignedClient(sim.baseUri(), tenancy, user, fingerprint, key.getPrivate());
        assertThat(other.get("/tenancies/" + tenancy).status()).isEqualTo(200);
        SignedClient.Answer answer = other.get("/tenancies/" + T);
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.code()).isEqualTo("NotAuthorizedOrNotFound");
        String vcn =
                oci.ok(oci.post("/vcns", vcnBody("10.0.0.0/16"))).path("id").asText();
        assertThat(other.get("/vcns/" + vcn).status()).isEqualTo(404);
        assertThat(other.get("/vcns?compartmentId=" + T).status()).isEqualTo(404);
    }

    // Catalog

    @Test
    void imagesComeNewestFirstAndMatchTheShapesArchitecture() {
        JsonNode images = oci.ok(oci.get("/images?compartmentId=" + T + "&operatingSystem=Canonical%20Ubuntu"
                + "&operatingSystemVersion=24.04&shape=VM.Standard.A1.Flex&sortBy=TIMECREATED&sortOrder=DESC"));
        assertThat(images).hasSize(3);
        assertThat(images.get(0).path("displayName").asText()).isEqualTo("Canonical-Ubuntu-24.04-aarch64-2025.05.20-0");
        List<String> times = new ArrayList<>();
        images.forEach(i -> times.add(i.path("timeCreated").asText()));
        assertThat(times).isSortedAccordingTo((a, b) -> b.compareTo(a));
        JsonNode x86 = oci.ok(oci.get("/images?compartmentId=" + T + "&operatingSystem=Canonical%20Ubuntu"
                + "&operatingSystemVersion=22.04&shape=VM.Standard.E2.1.Micro"));
        assertThat(x86)
                .hasSize(3)
                .allSatisfy(i -> assertThat(i.path("displayName").asText()).doesNotContain("aarch64"));
    }

    @Test
    void shapesIncludeTheAlwaysFreeOnes() {
        Map<String, JsonNode> shapes = new LinkedHashMap<>();
        oci.ok(oci.get("/shapes?compartmentId=" + T))
                .forEach(s -> shapes.put(s.path("shape").asText(), s));
        assertThat(shapes).containsKeys("VM.Standard.A1.Flex", "VM.Standard.E2.1.Micro", "VM.Standard.E4.Flex");
        assertThat(shapes.get("VM.Standard.A1.Flex").path("isFlexible").asBoolean())
                .isTrue();
        assertThat(shapes.get("VM.Standard.A1.Flex")
                        .path("ocpuOptions")
                        .path("max")
                        .asDouble())
                .isEqualTo(80);
        assertThat(shapes.get("VM.Standard.E2.1.Micro").path("billingType").asText())
                .isEqualTo("ALWAYS_FREE");
        assertThat(shapes.get("VM.Standard.E2.1.Micro").path("memoryInGBs").asDouble())
                .isEqualTo(1);
        assertThat(shapes.get("VM.Standard.E4.Flex").path("billingType").asText())
                .isEqualTo("PAID");
    }

    @Test
    void listsArePagedWithOpcNextPage() {
        Set<String> names = new HashSet<>();
        String page = null;
        int pages = 0;
        do {
            SignedClient.Answer answer = oci.get("/images?compartmentId=" + T + "&limit=5"
                    + (page == null ? "" : "&page=" + URLEncoder.encode(page, StandardCharsets.UTF_8)));
            oci.ok(answer).forEach(i -> names.add(i.path("displayName").asText()));
            page = answer.header("opc-next-page");
            pages++;
        } while (page != null);
        assertThat(names).hasSize(16);
        assertThat(pages).isEqualTo(4);
        assertThat(oci.get("/images?compartmentId=" + T + "&page=garbage").status())
                .isEqualTo(400);
    }

    // Lifecycle

    @Test
    void anInstanceProvisionsRunsStopsStartsAndTerminatesAndIsReachableOverSshAsUbuntu() throws Exception {
        Network net = network(true);
        JsonNode launched =
                oci.ok(oci.post("/instances/", launchBody(net.subnet, "VM.Standard.A1.Flex", armUbuntu(), 2.0, 12.0)));
        String id = launched.path("id").asText();
        assertThat(id).startsWith("ocid1.instance.oc1.eu-frankfurt-1.");
        assertThat(launched.path("lifecycleState").asText()).isEqualTo("PROVISIONING");
        assertThat(launched.path("shapeConfig").path("ocpus").asDouble()).isEqualTo(2.0);
        assertThat(awaitState(id, "RUNNING")).isTrue();

        JsonNode attachments = oci.ok(oci.get("/vnicAttachments/?compartmentId=" + T + "&instanceId=" + id));
        assertThat(attachments).hasSize(1);
        assertThat(attachments.get(0).path("lifecycleState").asText()).isEqualTo("ATTACHED");
        JsonNode vnic =
                oci.ok(oci.get("/vnics/" + attachments.get(0).path("vnicId").asText()));
        String publicIp = vnic.path("publicIp").asText();
        assertThat(publicIp).startsWith("198.18.");
        assertThat(vnic.path("privateIp").asText()).isEqualTo("10.0.0.2");
        var address = sim.sshAddress(publicIp).orElseThrow();
        String hostKey = sim.sandboxServer(id).orElseThrow().hostKeyFingerprint();
        try (SshTestClient ssh = SshTestClient.connect(address, hostKey, SSH_KEY, "ubuntu")) {
            assertThat(ssh.exec("cat /etc/hostname").exitStatus()).isZero();
        }

        assertThat(oci.post("/instances/" + id + "?action=START", null).code()).isEqualTo("IncorrectState");
        assertThat(oci.ok(oci.post("/instances/" + id + "?action=STOP", null))
                        .path("lifecycleState")
                        .asText())
                .isEqualTo("STOPPING");
        assertThat(awaitState(id, "STOPPED")).isTrue();
        assertThat(sim.sshAddress(publicIp)).isEmpty();
        assertThat(oci.post("/instances/" + id + "?action=SOFTRESET", null).status())
                .isEqualTo(409);
        assertThat(oci.ok(oci.post("/instances/" + id + "?action=START", null))
                        .path("lifecycleState")
                        .asText())
                .isEqualTo("STARTING");
        assertThat(awaitState(id, "RUNNING")).isTrue();
        assertThat(oci.ok(oci.post("/instances/" + id + "?action=RESET", null))
                        .path("lifecycleState")
                        .asText())
                .isEqualTo("STOPPING");
        assertThat(awaitState(id, "STARTING")).isTrue();
        assertThat(awaitState(id, "RUNNING")).isTrue();

        assertThat(oci.delete("/instances/" + id + "?preserveBootVolume=false").status())
                .isEqualTo(204);
        assertThat(oci.ok(oci.get("/instances/" + id)).path("lifecycleState").asText())
                .isEqualTo("TERMINATING");
        assertThat(sim.sshAddress(publicIp)).isEmpty();
        assertThat(awaitState(id, "TERMINATED")).isTrue();
        JsonNode listed = oci.ok(oci.get("/instances/?compartmentId=" + T));
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("lifecycleState").asText()).isEqualTo("TERMINATED");
        assertThat(oci.post("/instances/" + id + "?action=START", null).code()).isEqualTo("IncorrectState");
    }

    @Test
    void anInstanceRunsItsUserData_atItsFirstBoot_andOnlyThatReportsItsSetup() throws Exception {
        Network net = network(true);
        Map<String, Object> ready = withUserData(
                launchBody(net.subnet, "VM.Standard.E2.1.Micro", x86Ubuntu(), null, null),
                XanthusUserData.render("oci-ready", "Asia/Kolkata", "oci"));
        // a command of the setup fails early: its ERR trap writes FAILED, and READY never comes
        Map<String, Object> broken = withUserData(
                launchBody(net.subnet, "VM.Standard.E2.1.Micro", x86Ubuntu(), null, null),
                XanthusUserData.render("oci-broken", "UTC", "oci")
                        .replace("      stage INSTALLING_K3S\n", "      stage INSTALLING_K3S\n      false\n"));
        String readyId = oci.ok(oci.post("/instances/", ready)).path("id").asText();
        String brokenId = oci.ok(oci.post("/instances/", broken)).path("id").asText();
        SandboxServer server = sim.sandboxServer(readyId).orElseThrow();
        SandboxServer failed = sim.sandboxServer(brokenId).orElseThrow();
        assertThat(server.stage()).isNull(); // PROVISIONING: not booted, nothing ran

        assertThat(eventually(
                        Duration.ofSeconds(30), () -> server.stage() == Stage.READY && failed.cloudInitFinished()))
                .as(Files.readString(server.root().resolve("var/log/cloud-init-output.log")))
                .isTrue();
        assertThat(Files.readString(server.root().resolve("opt/xanthus/info.txt")))
                .contains("Time zone: Asia/Kolkata");
        assertThat(Files.readString(server.root().resolve("etc/iptables/xanthus-rules")))
                .contains("-I INPUT 1 -p tcp --dport 443 -j ACCEPT");
        assertThat(server.owner("/opt/xanthus/setup.env")).isEqualTo("root:root");
        try (SshTestClient ssh = SshTestClient.connect(
                sim.sshAddress(publicIp(readyId)).orElseThrow(), server.hostKeyFingerprint(), SSH_KEY, "ubuntu")) {
            assertThat(ssh.exec("timedatectl show -p Timezone --value").out()).isEqualTo("Asia/Kolkata\n");
            assertThat(ssh.exec("cat /opt/xanthus/status").out()).isEqualTo("READY\n");
        }
        assertThat(Files.readString(failed.root().resolve("opt/xanthus/status")))
                .isEqualTo("FAILED\n");
        assertThat(failed.stage()).isNull();
    }

    private static Map<String, Object> withUserData(Map<String, Object> body, String userData) {
        Map<String, Object> changed = new LinkedHashMap<>(body);
        changed.put(
                "metadata",
                Map.of(
                        "ssh_authorized_keys",
                        SshTestClient.authorizedKeyLine(SSH_KEY),
                        "user_data",
                        Base64.getEncoder().encodeToString(userData.getBytes(StandardCharsets.UTF_8))));
        return changed;
    }

    @Test
    void sshIsUnreachableWithoutARouteToAnInternetGateway() throws Exception {
        Network net = network(false);
        String id = launchMicro(net.subnet);
        assertThat(awaitState(id, "RUNNING")).isTrue();
        String publicIp = publicIp(id);
        assertThat(sim.sshAddress(publicIp)).isEmpty();
        routeToInternet(net.routeTable, net.gateway);
        assertThat(sim.sshAddress(publicIp)).isPresent();
        assertThat(sim.sshAddress(publicIp, 6443)).isEmpty();
    }

    @Test
    void launchesAreValidatedLikeOci() {
        Network net = network(true);
        Map<String, Object> noShapeConfig = launchBody(net.subnet, "VM.Standard.A1.Flex", armUbuntu(), null, null);
        assertThat(oci.post("/instances/", noShapeConfig).code()).isEqualTo("InvalidParameter");
        Map<String, Object> wrongArch = launchBody(net.subnet, "VM.Standard.A1.Flex", x86Ubuntu(), 1.0, 6.0);
        assertThat(oci.post("/instances/", wrongArch).code()).isEqualTo("InvalidParameter");
        Map<String, Object> tooBig = launchBody(net.subnet, "VM.Standard.A1.Flex", armUbuntu(), 5.0, 24.0);
        SignedClient.Answer limited = oci.post("/instances/", tooBig);
        assertThat(limited.status()).isEqualTo(400);
        assertThat(limited.code()).isEqualTo("LimitExceeded");
        Map<String, Object> unknownSubnet = launchBody(
                "ocid1.subnet.oc1.eu-frankfurt-1.aaaaaaaanope", "VM.Standard.E2.1.Micro", x86Ubuntu(), null, null);
        assertThat(oci.post("/instances/", unknownSubnet).status()).isEqualTo(404);
        assertThat(sim.resources().path("instances")).isEmpty();
    }

    // Conflicts

    @Test
    void deletionsInTheWrongOrderConflictAndTheRightOrderSucceeds() throws Exception {
        Network net = network(true);
        String id = launchMicro(net.subnet);
        assertThat(oci.delete("/vcns/" + net.vcn).code()).isEqualTo("Conflict");
        assertThat(oci.delete("/subnets/" + net.subnet).code()).isEqualTo("Conflict");
        assertThat(oci.delete("/internetGateways/" + net.gateway).code()).isEqualTo("Conflict");
        assertThat(oci.delete("/securityLists/" + net.securityList).code()).isEqualTo("Conflict");
        assertThat(oci.delete("/securityLists/" + net.defaultSecurityList).code())
                .isEqualTo("Conflict");

        assertThat(oci.delete("/instances/" + id).status()).isEqualTo(204);
        assertThat(oci.delete("/subnets/" + net.subnet).code())
                .as("still terminating")
                .isEqualTo("Conflict");
        assertThat(awaitState(id, "TERMINATED")).isTrue();
        assertThat(oci.delete("/subnets/" + net.subnet).status()).isEqualTo(204);
        assertThat(oci.delete("/vcns/" + net.vcn).code())
                .as("gateway and security list left")
                .isEqualTo("Conflict");
        assertThat(oci.delete("/securityLists/" + net.securityList).status()).isEqualTo(204);
        assertThat(oci.delete("/internetGateways/" + net.gateway).code())
                .as("routed to")
                .isEqualTo("Conflict");
        oci.ok(oci.put("/routeTables/" + net.routeTable, Map.of("routeRules", List.of())));
        assertThat(oci.delete("/internetGateways/" + net.gateway).status()).isEqualTo(204);
        assertThat(oci.delete("/vcns/" + net.vcn).status()).isEqualTo(204);
        assertThat(oci.ok(oci.get("/vcns/" + net.vcn)).path("lifecycleState").asText())
                .isEqualTo("TERMINATED");
    }

    @Test
    void aSecondInternetGatewayAndOverlappingSubnetsAreRefused() {
        Network net = network(true);
        assertThat(oci.post("/internetGateways", Map.of("compartmentId", T, "vcnId", net.vcn, "isEnabled", true))
                        .code())
                .isEqualTo("Conflict");
        assertThat(oci.post("/subnets", Map.of("compartmentId", T, "vcnId", net.vcn, "cidrBlock", "10.0.0.128/25"))
                        .code())
                .isEqualTo("InvalidParameter");
        assertThat(oci.post("/subnets", Map.of("compartmentId", T, "vcnId", net.vcn, "cidrBlock", "10.1.0.0/24"))
                        .code())
                .isEqualTo("InvalidParameter");
    }

    // Sandbox key

    @Test
    void theSandboxKeySurvivesARestartInItsFolder(@TempDir Path dir) throws Exception {
        SandboxKey first = SandboxKey.loadOrCreate(dir);
        SandboxKey second = SandboxKey.loadOrCreate(dir);
        assertThat(second.fingerprint()).isEqualTo(first.fingerprint()).matches("([0-9a-f]{2}:){15}[0-9a-f]{2}");
        try (OciSimulator withDir =
                OciSimulator.start(OciSimulator.Config.defaults().withPort(0).withKeyDir(dir))) {
            assertThat(withDir.sandboxKey().fingerprint()).isEqualTo(first.fingerprint());
            String config = Files.readString(dir.resolve(SandboxKey.CONFIG_FILE));
            assertThat(config)
                    .contains(
                            "tenancy=" + T,
                            "user=" + OciSimulator.SANDBOX_USER,
                            "fingerprint=" + first.fingerprint(),
                            "region=eu-frankfurt-1",
                            "key_file=");
            assertThat(Files.getPosixFilePermissions(dir.resolve(SandboxKey.PRIVATE_KEY_FILE)))
                    .containsExactlyInAnyOrder(
                            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        }
    }

    // Helpers

    private record Network(
            String vcn,
            String routeTable,
            String defaultSecurityList,
            String gateway,
            String securityList,
            String subnet) {}

    /** A VCN with an internet gateway, a security list for SSH and a public subnet; routed when asked. */
    private static Network network(boolean routed) {
        JsonNode vcn = oci.ok(oci.post("/vcns", vcnBody("10.0.0.0/16")));
        String vcnId = vcn.path("id").asText();
        String gateway = oci.ok(oci.post(
                        "/internetGateways",
                        Map.of("compartmentId", T, "vcnId", vcnId, "isEnabled", true, "displayName", "xanthus-igw")))
                .path("id")
                .asText();
        String routeTable = vcn.path("defaultRouteTableId").asText();
        if (routed) {
            routeToInternet(routeTable, gateway);
        }
        String securityList = oci.ok(oci.post(
                        "/securityLists",
                        Map.of(
                                "compartmentId",
                                T,
                                "vcnId",
                                vcnId,
                                "displayName",
                                "xanthus-ssh",
                                "ingressSecurityRules",
                                List.of(Map.of(
                                        "protocol",
                                        "6",
                                        "source",
                                        "0.0.0.0/0",
                                        "isStateless",
                                        false,
                                        "tcpOptions",
                                        Map.of("destinationPortRange", Map.of("min", 22, "max", 22)))),
                                "egressSecurityRules",
                                List.of(Map.of("protocol", "all", "destination", "0.0.0.0/0")))))
                .path("id")
                .asText();
        String subnet = oci.ok(oci.post(
                        "/subnets",
                        Map.of(
                                "compartmentId",
                                T,
                                "vcnId",
                                vcnId,
                                "cidrBlock",
                                "10.0.0.0/24",
                                "displayName",
                                "xanthus-subnet",
                                "securityListIds",
                                List.of(securityList))))
                .path("id")
                .asText();
        return new Network(
                vcnId, routeTable, vcn.path("defaultSecurityListId").asText(), gateway, securityList, subnet);
    }

    /** Launches an x86 Ubuntu micro instance (the always-free shape) in {@code subnet}; its id. */
    private static String launchMicro(String subnet) {
        return oci.ok(oci.post("/instances/", launchBody(subnet, "VM.Standard.E2.1.Micro", x86Ubuntu(), null, null)))
                .path("id")
                .asText();
    }

    /** Routes all traffic of {@code routeTable} through the internet gateway {@code gateway}. */
    private static void routeToInternet(String routeTable, String gateway) {
        oci.ok(oci.put(
                "/routeTables/" + routeTable,
                Map.of(
                        "routeRules",
                        List.of(Map.of(
                                "destination",
                                "0.0.0.0/0",
                                "destinationType",
                                "CIDR_BLOCK",
                                "networkEntityId",
                                gateway)))));
    }

    private static Map<String, Object> vcnBody(String cidr) {
        return Map.of(
                "compartmentId",
                T,
                "displayName",
                "xanthus-vcn",
                "cidrBlock",
                cidr,
                "freeformTags",
                Map.of("xanthus", "true"));
    }

    private static Map<String, Object> launchBody(
            String subnet, String shape, String imageId, Double ocpus, Double memory) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("compartmentId", T);
        body.put("availabilityDomain", "Uocm:EU-FRANKFURT-1-AD-1");
        body.put("displayName", "xanthus-test");
        body.put("shape", shape);
        if (ocpus != null) {
            body.put("shapeConfig", Map.of("ocpus", ocpus, "memoryInGBs", memory));
        }
        body.put("sourceDetails", Map.of("sourceType", "image", "imageId", imageId));
        body.put("createVnicDetails", Map.of("subnetId", subnet, "assignPublicIp", true));
        body.put(
                "metadata",
                Map.of(
                        "ssh_authorized_keys",
                        SshTestClient.authorizedKeyLine(SSH_KEY),
                        "user_data",
                        Base64.getEncoder().encodeToString("#cloud-config\n".getBytes(StandardCharsets.UTF_8))));
        body.put("freeformTags", Map.of("xanthus", "true"));
        return body;
    }

    private static String armUbuntu() {
        return image("VM.Standard.A1.Flex");
    }

    private static String x86Ubuntu() {
        return image("VM.Standard.E2.1.Micro");
    }

    private static String image(String shape) {
        return oci.ok(oci.get("/images?compartmentId=" + T + "&operatingSystem=Canonical%20Ubuntu"
                        + "&operatingSystemVersion=24.04&shape=" + shape))
                .get(0)
                .path("id")
                .asText();
    }

    private static String publicIp(String instanceId) {
        JsonNode attachments = oci.ok(oci.get("/vnicAttachments/?compartmentId=" + T + "&instanceId=" + instanceId));
        return oci.ok(oci.get("/vnics/" + attachments.get(0).path("vnicId").asText()))
                .path("publicIp")
                .asText();
    }

    private static boolean awaitState(String id, String state) throws InterruptedException {
        return eventually(Duration.ofSeconds(10), () -> oci.ok(oci.get("/instances/" + id))
                .path("lifecycleState")
                .asText()
                .equals(state));
    }
}
