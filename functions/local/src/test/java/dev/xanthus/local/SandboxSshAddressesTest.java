package dev.xanthus.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xanthus.clients.oci.EgressRule;
import dev.xanthus.clients.oci.HttpOciClient;
import dev.xanthus.clients.oci.IngressRule;
import dev.xanthus.clients.oci.LaunchInstanceRequest;
import dev.xanthus.clients.oci.OciCredentials;
import dev.xanthus.clients.oci.OciEndpoints;
import dev.xanthus.clients.oci.OciInstance;
import dev.xanthus.clients.oci.OciVcn;
import dev.xanthus.clients.oci.RouteRule;
import dev.xanthus.sandbox.hetzner.HetznerSimulator;
import dev.xanthus.sandbox.oci.OciSimulator;
import dev.xanthus.sandbox.ssh.SandboxServers;
import java.net.InetSocketAddress;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The local stack's resolver knows the sandbox servers of both simulators. */
@Timeout(60)
class SandboxSshAddressesTest {

    @Test
    void resolvesOciInstancesOnceTheyRunAndTheirNetworkLetsSshIn() throws Exception {
        Duration fast = Duration.ofMillis(100);
        try (HetznerSimulator hetzner = HetznerSimulator.start(HetznerSimulator.Config.defaults()
                        .withPort(0)
                        .withTimings(HetznerSimulator.Timings.uniform(fast))
                        .withSandbox(SandboxServers.Config.uniform(fast)));
                OciSimulator oci = OciSimulator.start(OciSimulator.Config.defaults()
                        .withPort(0)
                        .withTimings(OciSimulator.Timings.uniform(fast))
                        .withSandbox(SandboxServers.Config.uniform(fast)))) {
            SandboxSshAddresses addresses = new SandboxSshAddresses(hetzner, oci);
            String t = OciSimulator.SANDBOX_TENANCY;
            HttpOciClient client = HttpOciClient.create(
                    new OciCredentials(
                            t,
                            OciSimulator.SANDBOX_USER,
                            oci.sandboxKey().fingerprint(),
                            oci.sandboxKey().privateKeyPem(),
                            oci.region()),
                    OciEndpoints.fixed(oci.baseUri()));
            OciVcn vcn = client.createVcn(t, "vcn", "10.0.0.0/16", Map.of());
            String igw =
                    client.createInternetGateway(t, vcn.id(), "igw", Map.of()).id();
            String ssh = client.createSecurityList(
                            t,
                            vcn.id(),
                            "ssh",
                            List.of(IngressRule.tcp("0.0.0.0/0", 22)),
                            List.of(EgressRule.allTraffic()),
                            Map.of())
                    .id();
            String subnet = client.createSubnet(
                            t, vcn.id(), "subnet", "10.0.0.0/24", vcn.defaultRouteTableId(), List.of(ssh), Map.of())
                    .id();
            String image = client.listImages(t, "Canonical Ubuntu", "24.04", "VM.Standard.E2.1.Micro")
                    .get(0)
                    .id();
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            String key = PublicKeyEntry.toString(rsa.generateKeyPair().getPublic());
            OciInstance instance = client.launchInstance(new LaunchInstanceRequest(
                    t,
                    "Uocm:EU-FRANKFURT-1-AD-1",
                    "vm",
                    "VM.Standard.E2.1.Micro",
                    null,
                    null,
                    image,
                    subnet,
                    true,
                    Map.of(LaunchInstanceRequest.SSH_AUTHORIZED_KEYS, key),
                    Map.of()));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!client.getInstance(instance.id()).lifecycleState().equals(OciInstance.RUNNING)) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(50);
            }
            String publicIp = client.getVnic(
                            client.listVnicAttachments(t, instance.id()).get(0).vnicId())
                    .publicIp();

            InetSocketAddress nowhere = new InetSocketAddress("127.0.0.1", 1);
            assertThat(addresses.resolve(publicIp, 22))
                    .as("no route to the gateway yet")
                    .isEqualTo(nowhere);
            client.updateRouteTable(vcn.defaultRouteTableId(), List.of(RouteRule.defaultRoute(igw)));
            InetSocketAddress resolved = addresses.resolve(publicIp, 22);
            assertThat(resolved)
                    .isEqualTo(oci.sandboxServer(instance.id()).orElseThrow().sshAddress());
            assertThat(addresses.resolve("203.0.113.250", 22)).isEqualTo(nowhere);
        }
    }
}
