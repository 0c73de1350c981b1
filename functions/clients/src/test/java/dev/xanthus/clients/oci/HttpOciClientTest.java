package dev.xanthus.clients.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xanthus.clients.http.JsonHttp;
import dev.xanthus.clients.http.RetryAdvice;
import dev.xanthus.clients.http.RetryPolicy;
import dev.xanthus.clients.http.Sleeper;
import dev.xanthus.sandbox.http.Fault;
import dev.xanthus.sandbox.oci.OciSimulator;
import dev.xanthus.sandbox.ssh.SandboxServers;
import dev.xanthus.sandbox.ssh.SshTestClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The signed-request client against the OCI simulator over real HTTP: signatures, shapes of answers, retries. */
@Timeout(60)
class HttpOciClientTest {

    private static final String T = OciSimulator.SANDBOX_TENANCY;
    private static final KeyPair SSH_KEY = SshTestClient.newRsaKey();
    private static final List<Duration> SLEPT = new CopyOnWriteArrayList<>();

    private static OciSimulator sim;
    private static OciCredentials credentials;
    private static HttpOciClient client;

    @BeforeAll
    static void start() {
        sim = OciSimulator.start(OciSimulator.Config.defaults()
                .withPort(0)
                .withTimings(OciSimulator.Timings.uniform(Duration.ofMillis(150)))
                .withSandbox(SandboxServers.Config.uniform(Duration.ofMillis(50))));
        credentials = new OciCredentials(
                T,
                OciSimulator.SANDBOX_USER,
                sim.sandboxKey().fingerprint(),
                sim.sandboxKey().privateKeyPem(),
                OciSimulator.DEFAULT_REGION);
        client = client(credentials, Clock.systemUTC(), 1000);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @AfterEach
    void reset() {
        sim.reset();
        SLEPT.clear();
    }

    private static HttpOciClient client(OciCredentials creds, Clock clock, int pageLimit) {
        Sleeper recording = delay -> {
            SLEPT.add(delay);
            Sleeper.SYSTEM.sleep(delay);
        };
        JsonHttp http = new JsonHttp(
                JsonHttp.newHttpClient(), RetryPolicy.defaults(RetryAdvice.retryAfter()), recording, clock);
        return HttpOciClient.create(http, creds, OciEndpoints.fixed(sim.baseUri()), clock, pageLimit);
    }

    // Identity

    @Test
    void readsTheUserTenancyRegionsAndAvailabilityDomains() {
        OciUser user = client.getUser(OciSimulator.SANDBOX_USER);
        assertThat(user.id()).isEqualTo(OciSimulator.SANDBOX_USER);
        assertThat(user.compartmentId()).isEqualTo(T);
        assertThat(user.lifecycleState()).isEqualTo("ACTIVE");
        assertThat(user.timeCreated()).isNotNull();
        OciTenancy tenancy = client.getTenancy(T);
        assertThat(tenancy.homeRegionKey()).isEqualTo("FRA");
        assertThat(client.listRegionSubscriptions(T))
                .containsExactly(new RegionSubscription("FRA", "eu-frankfurt-1", "READY", true));
        assertThat(client.listAvailabilityDomains(T))
                .extracting(AvailabilityDomain::name)
                .containsExactly("Uocm:EU-FRANKFURT-1-AD-1", "Uocm:EU-FRANKFURT-1-AD-2", "Uocm:EU-FRANKFURT-1-AD-3");
    }

    @Test
    void aKeyOciDoesNotKnowIsNotAuthenticated() {
        OciCredentials wrongKey = new OciCredentials(
                T,
                OciSimulator.SANDBOX_USER,
                sim.sandboxKey().fingerprint(),
                OciKeys.privateKeyPem(SshTestClient.newRsaKey().getPrivate()),
                OciSimulator.DEFAULT_REGION);
        assertThatThrownBy(() -> client(wrongKey, Clock.systemUTC(), 1000).getTenancy(T))
                .isInstanceOfSatisfying(OciException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.code()).isEqualTo(OciException.NOT_AUTHENTICATED);
                    assertThat(e.opcRequestId()).isNotBlank();
                    assertThat(e.getMessage()).doesNotContain("PRIVATE KEY");
                });
        assertThat(sim.http().calls("GET /tenancies/{tenancyId}"))
                .as("401 is not retried")
                .isEqualTo(1);
    }

    @Test
    void aClockMoreThanFiveMinutesOffIsNotAuthenticated() {
        Clock skewed = Clock.fixed(Instant.now().minus(Duration.ofMinutes(6)), ZoneOffset.UTC);
        assertThatThrownBy(() -> client(credentials, skewed, 1000).getTenancy(T))
                .isInstanceOfSatisfying(
                        OciException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    // Compute catalog

    @Test
    void shapesCarryFlexibilityOptionsAndBillingType() {
        Map<String, OciShape> shapes = new java.util.HashMap<>();
        client.listShapes(T).forEach(s -> shapes.put(s.shape(), s));
        OciShape a1 = shapes.get("VM.Standard.A1.Flex");
        assertThat(a1.flexible()).isTrue();
        assertThat(a1.ocpuOptions().max()).isEqualTo(80.0);
        assertThat(a1.memoryOptions().defaultPerOcpuInGBs()).isEqualTo(6.0);
        assertThat(a1.billingType()).isEqualTo("LIMITED_FREE");
        OciShape micro = shapes.get("VM.Standard.E2.1.Micro");
        assertThat(micro.isFlexible()).isFalse();
        assertThat(micro.ocpus()).isEqualTo(1.0);
        assertThat(micro.memoryInGBs()).isEqualTo(1.0);
        assertThat(micro.billingType()).isEqualTo("ALWAYS_FREE");
        assertThat(micro.ocpuOptions()).isNull();
        assertThat(shapes.get("VM.Standard.E4.Flex").billingType()).isEqualTo("PAID");
    }

    @Test
    void imagesComeNewestFirstAndOnlyForTheShapesArchitecture() {
        List<OciImage> arm = client.listImages(T, "Canonical Ubuntu", "24.04", "VM.Standard.A1.Flex");
        assertThat(arm).hasSize(3);
        assertThat(arm.get(0).displayName()).isEqualTo("Canonical-Ubuntu-24.04-aarch64-2025.05.20-0");
        assertThat(arm).extracting(OciImage::timeCreated).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(client.listImages(T, "Canonical Ubuntu", "22.04", "VM.Standard.E2.1.Micro"))
                .extracting(OciImage::displayName)
                .allSatisfy(name -> assertThat(name).doesNotContain("aarch64"));
        assertThat(client.listImages(T, null, null, null)).hasSize(16);
    }

    @Test
    void listsFollowOpcNextPage() {
        HttpOciClient smallPages = client(credentials, Clock.systemUTC(), 5);
        assertThat(smallPages.listImages(T, null, null, null))
                .hasSize(16)
                .extracting(OciImage::id)
                .doesNotHaveDuplicates();
        assertThat(sim.http().calls("GET /images")).isEqualTo(4);
    }

    // Retries and errors

    @Test
    void aRateLimitedReadIsRetriedOnceAfterRetryAfter() {
        sim.http().faults().inject("GET /tenancies/{tenancyId}", Fault.rateLimited(1), 1);
        assertThat(client.getTenancy(T).id()).isEqualTo(T);
        assertThat(sim.http().calls("GET /tenancies/{tenancyId}")).isEqualTo(2);
        assertThat(SLEPT).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void aServerErrorOnAReadIsRetriedButUpdatesAreSentOnce() {
        sim.http()
                .faults()
                .inject("GET /vcns", Fault.status(500, "{\"code\":\"InternalServerError\",\"message\":\"boom\"}"), 1);
        assertThat(client.listVcns(T)).isEmpty();
        assertThat(sim.http().calls("GET /vcns")).isEqualTo(2);

        OciVcn vcn = client.createVcn(T, "xanthus", "10.0.0.0/16", Map.of());
        sim.http().faults().inject("PUT /routeTables/{rtId}", Fault.rateLimited(1), 1);
        assertThatThrownBy(() -> client.updateRouteTable(vcn.defaultRouteTableId(), List.of()))
                .isInstanceOfSatisfying(OciException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.code()).isEqualTo(OciException.TOO_MANY_REQUESTS);
                });
        assertThat(sim.http().calls("PUT /routeTables/{rtId}")).isEqualTo(1);
    }

    @Test
    void aCreateWhoseAnswerWasLost_isResentWithItsRetryToken_andCreatesOnce() {
        sim.http().faults().inject("POST /vcns", Fault.lostResponse(), 1);

        OciVcn vcn = client.createVcn(T, "xanthus", "10.0.0.0/16", Map.of());

        assertThat(sim.http().calls("POST /vcns")).isEqualTo(2);
        assertThat(client.listVcns(T)).extracting(OciVcn::id).containsExactly(vcn.id());

        // a throttled create is resent after Retry-After; another create gets its own token
        sim.http().faults().inject("POST /vcns", Fault.rateLimited(1), 1);
        OciVcn second = client.createVcn(T, "second", "10.1.0.0/16", Map.of());
        assertThat(client.listVcns(T)).extracting(OciVcn::id).containsExactlyInAnyOrder(vcn.id(), second.id());
        assertThat(SLEPT).contains(Duration.ofSeconds(1));
    }

    @Test
    void missingResourcesAndConflictsAreTyped() {
        assertThatThrownBy(() -> client.getInstance("ocid1.instance.oc1.eu-frankfurt-1.aaaaaaaanothere"))
                .isInstanceOfSatisfying(OciException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo(OciException.NOT_AUTHORIZED_OR_NOT_FOUND);
                    assertThat(e.isNotFound()).isTrue();
                });
        OciVcn vcn = client.createVcn(T, "xanthus", "10.0.0.0/16", Map.of());
        client.createInternetGateway(T, vcn.id(), "igw", Map.of());
        assertThatThrownBy(() -> client.deleteVcn(vcn.id())).isInstanceOfSatisfying(OciException.class, e -> {
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.code()).isEqualTo(OciException.CONFLICT);
        });
        assertThatThrownBy(() -> client.createVcn(T, "bad", "10.0.0.1/16", Map.of()))
                .isInstanceOfSatisfying(
                        OciException.class, e -> assertThat(e.code()).isEqualTo("InvalidParameter"));
    }

    // The whole life of a server

    @Test
    void buildsANetworkLaunchesAnInstanceReachesItOverSshAndTearsEverythingDown() throws Exception {
        Map<String, String> tags = Map.of("xanthus", "true");
        OciVcn vcn = client.createVcn(T, "xanthus-vcn", "10.0.0.0/16", tags);
        assertThat(vcn.lifecycleState()).isEqualTo("AVAILABLE");
        assertThat(vcn.freeformTags()).isEqualTo(tags);
        assertThat(client.listVcns(T)).extracting(OciVcn::id).containsExactly(vcn.id());
        InternetGateway igw = client.createInternetGateway(T, vcn.id(), "xanthus-igw", tags);
        assertThat(igw.isEnabled()).isTrue();
        assertThat(client.listInternetGateways(T, vcn.id()))
                .extracting(InternetGateway::id)
                .containsExactly(igw.id());
        OciRouteTable table =
                client.updateRouteTable(vcn.defaultRouteTableId(), List.of(RouteRule.defaultRoute(igw.id())));
        assertThat(table.routeRules()).containsExactly(new RouteRule("0.0.0.0/0", "CIDR_BLOCK", igw.id()));
        assertThat(client.getRouteTable(vcn.defaultRouteTableId()).routeRules()).hasSize(1);
        SecurityList ssh = client.createSecurityList(
                T,
                vcn.id(),
                "xanthus-ssh",
                List.of(IngressRule.tcp("0.0.0.0/0", 22), IngressRule.tcp("0.0.0.0/0", 80, 443)),
                List.of(EgressRule.allTraffic()),
                tags);
        assertThat(ssh.ingressSecurityRules())
                .containsExactly(new IngressRule("6", "0.0.0.0/0", 22, 22), new IngressRule("6", "0.0.0.0/0", 80, 443));
        assertThat(ssh.egressSecurityRules()).containsExactly(new EgressRule("all", "0.0.0.0/0", null, null));
        assertThat(client.listSecurityLists(T, vcn.id()))
                .extracting(SecurityList::id)
                .contains(ssh.id(), vcn.defaultSecurityListId());
        OciSubnet subnet = client.createSubnet(
                T, vcn.id(), "xanthus-subnet", "10.0.0.0/24", vcn.defaultRouteTableId(), List.of(ssh.id()), tags);
        assertThat(subnet.securityListIds()).containsExactly(ssh.id());
        assertThat(client.listSubnets(T, vcn.id())).extracting(OciSubnet::id).containsExactly(subnet.id());

        String image = client.listImages(T, "Canonical Ubuntu", "24.04", "VM.Standard.A1.Flex")
                .get(0)
                .id();
        String userData = Base64.getEncoder().encodeToString("#cloud-config\n".getBytes(StandardCharsets.UTF_8));
        LaunchInstanceRequest request = new LaunchInstanceRequest(
                T,
                "Uocm:EU-FRANKFURT-1-AD-1",
                "xanthus-1",
                "VM.Standard.A1.Flex",
                2.0,
                12.0,
                image,
                subnet.id(),
                true,
                Map.of(
                        LaunchInstanceRequest.SSH_AUTHORIZED_KEYS,
                        PublicKeyEntry.toString(SSH_KEY.getPublic()) + " test",
                        LaunchInstanceRequest.USER_DATA,
                        userData),
                tags);
        assertThat(request.toString()).doesNotContain(userData);
        OciInstance launched = client.launchInstance(request);
        assertThat(launched.lifecycleState()).isEqualTo(OciInstance.PROVISIONING);
        assertThat(launched.shapeConfig().ocpus()).isEqualTo(2.0);
        assertThat(launched.shapeConfig().memoryInGBs()).isEqualTo(12.0);
        assertThat(launched.sourceDetails().imageId()).isEqualTo(image);
        assertThat(launched.region()).isEqualTo("eu-frankfurt-1");
        assertThat(launched.timeCreated()).isNotNull();
        assertThat(sim.http().calls("POST /instances/")).isEqualTo(1);
        awaitState(launched.id(), OciInstance.RUNNING);

        List<VnicAttachment> attachments = client.listVnicAttachments(T, launched.id());
        assertThat(attachments).hasSize(1);
        assertThat(attachments.get(0).lifecycleState()).isEqualTo("ATTACHED");
        OciVnic vnic = client.getVnic(attachments.get(0).vnicId());
        assertThat(vnic.privateIp()).isEqualTo("10.0.0.2");
        InetSocketAddress address = sim.sshAddress(vnic.publicIp()).orElseThrow();
        String hostKey = sim.sandboxServer(launched.id()).orElseThrow().hostKeyFingerprint();
        assertThat(ssh(address, hostKey, "ubuntu", "cat /etc/hostname")).isEqualTo("xanthus-1\n");

        assertThatThrownBy(() -> client.instanceAction(launched.id(), OciClient.START))
                .isInstanceOfSatisfying(OciException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo(OciException.INCORRECT_STATE);
                });
        assertThat(client.instanceAction(launched.id(), OciClient.SOFTSTOP).lifecycleState())
                .isEqualTo(OciInstance.STOPPING);
        awaitState(launched.id(), OciInstance.STOPPED);
        assertThat(client.instanceAction(launched.id(), OciClient.START).lifecycleState())
                .isEqualTo(OciInstance.STARTING);
        awaitState(launched.id(), OciInstance.RUNNING);

        client.terminateInstance(launched.id(), false);
        assertThat(client.getInstance(launched.id()).lifecycleState()).isEqualTo(OciInstance.TERMINATING);
        assertThatThrownBy(() -> client.deleteSubnet(subnet.id()))
                .isInstanceOfSatisfying(
                        OciException.class, e -> assertThat(e.code()).isEqualTo(OciException.CONFLICT));
        awaitState(launched.id(), OciInstance.TERMINATED);
        assertThat(client.listInstances(T))
                .extracting(OciInstance::lifecycleState)
                .containsExactly(OciInstance.TERMINATED);

        client.deleteSubnet(subnet.id());
        client.deleteSecurityList(ssh.id());
        client.updateRouteTable(vcn.defaultRouteTableId(), List.of());
        client.deleteInternetGateway(igw.id());
        client.deleteVcn(vcn.id());
        assertThat(client.listVcns(T)).extracting(OciVcn::lifecycleState).containsExactly("TERMINATED");
    }

    // Keys

    @Test
    void readsPkcs1AndPkcs8KeysAndComputesOcisFingerprint() throws Exception {
        KeyPair pair = SshTestClient.newRsaKey();
        java.io.StringWriter pkcs1 = new java.io.StringWriter();
        try (org.bouncycastle.openssl.jcajce.JcaPEMWriter writer =
                new org.bouncycastle.openssl.jcajce.JcaPEMWriter(pkcs1)) {
            writer.writeObject(pair.getPrivate());
        }
        assertThat(pkcs1.toString()).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        String expected = dev.xanthus.sandbox.oci.SandboxKey.fingerprint(pair.getPublic());
        assertThat(OciKeys.fingerprintOfPrivateKey(pkcs1.toString())).isEqualTo(expected);
        assertThat(OciKeys.fingerprintOfPrivateKey(OciKeys.privateKeyPem(pair.getPrivate())))
                .isEqualTo(expected);
        assertThat(OciKeys.publicKeyFingerprint(pair.getPublic())).matches("([0-9a-f]{2}:){15}[0-9a-f]{2}");
        assertThat(OciKeys.publicKeyPem(pair.getPublic())).startsWith("-----BEGIN PUBLIC KEY-----");

        assertThatThrownBy(() -> OciKeys.parsePrivateKey(
                        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n" + "-----END ENCRYPTED PRIVATE KEY-----\n"))
                .isInstanceOf(OciKeyException.class)
                .hasMessageContaining("passphrase");
        String legacyEncrypted = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\n"
                + "AAAA\n-----END RSA PRIVATE KEY-----\n";
        assertThatThrownBy(() -> OciKeys.parsePrivateKey(legacyEncrypted))
                .isInstanceOf(OciKeyException.class)
                .hasMessageContaining("passphrase");
        assertThatThrownBy(() -> OciKeys.parsePrivateKey("not a key")).isInstanceOf(OciKeyException.class);
        assertThatThrownBy(
                        () -> OciKeys.parsePrivateKey("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"))
                .isInstanceOf(OciKeyException.class)
                .hasMessageContaining("not a readable RSA key");
        assertThatThrownBy(() -> HttpOciClient.create(
                        new OciCredentials(T, "u", "f", "garbage", "eu-frankfurt-1"), OciEndpoints.real()))
                .isInstanceOf(OciKeyException.class);
        assertThat(credentials.toString()).doesNotContain("PRIVATE KEY").contains(T);
    }

    @Test
    void realEndpointsFollowTheRegion() {
        assertThat(OciEndpoints.real().identity("eu-frankfurt-1").toString())
                .isEqualTo("https://identity.eu-frankfurt-1.oci.oraclecloud.com");
        assertThat(OciEndpoints.real().iaas("us-ashburn-1").toString())
                .isEqualTo("https://iaas.us-ashburn-1.oraclecloud.com");
        assertThatThrownBy(() -> OciEndpoints.real().iaas("evil.com/x")).isInstanceOf(IllegalArgumentException.class);
    }

    // Helpers

    private static void awaitState(String instanceId, String state) throws InterruptedException {
        await(() -> client.getInstance(instanceId).lifecycleState().equals(state), "instance " + state);
    }

    private static void await(Supplier<Boolean> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    private static String ssh(InetSocketAddress address, String hostKey, String user, String command)
            throws IOException {
        return SshTestClient.run(address, hostKey, SSH_KEY, user, command);
    }
}
