package dev.xanthus.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xanthus.clients.cloudflare.HttpCloudflareClient;
import dev.xanthus.clients.hetzner.CreateServerRequest;
import dev.xanthus.clients.hetzner.HttpHetznerClient;
import dev.xanthus.clients.http.JsonHttp;
import dev.xanthus.clients.http.RetryAdvice;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.kv.KvStore;
import dev.xanthus.sandbox.cloudflare.CloudflareSimConfig;
import dev.xanthus.sandbox.cloudflare.CloudflareSimulator;
import dev.xanthus.sandbox.hetzner.HetznerSimulator;
import dev.xanthus.sandbox.ssh.SandboxServers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Server sizes from Hetzner's figures over HTTP (KV and Hetzner simulators), and a visible note when unknown. */
@Timeout(60)
class ServerCapacityTest {

    private static final CloudflareSimulator KV =
            CloudflareSimulator.start(CloudflareSimConfig.defaults().withPort(0));
    private static final HetznerSimulator HETZNER = HetznerSimulator.start(HetznerSimulator.Config.defaults()
            .withPort(0)
            .withTimings(HetznerSimulator.Timings.uniform(Duration.ofMillis(50)))
            .withSandbox(SandboxServers.Config.uniform(Duration.ofMillis(50))));
    private static final String ACCOUNT = CloudflareSimConfig.SANDBOX_ACCOUNT_ID;
    private static final HttpHetznerClient TRANSPORT =
            new HttpHetznerClient(JsonHttp.create(RetryAdvice.rateLimitReset()), HETZNER.baseUri(), "");
    private static final HetznerKeys KEYS = new HetznerKeys(TRANSPORT::withToken);
    private static final ServerCapacity CAPACITY = new ServerCapacity(KEYS);

    @AfterAll
    static void stop() {
        KV.close();
        HETZNER.close();
    }

    private static Principal principal() {
        String namespace = KV.createKvNamespace(ACCOUNT, "Xanthus-" + System.nanoTime());
        KvStore kv = new KvStore(
                HttpCloudflareClient.create(KV.baseUri()).withToken(CloudflareSimConfig.SANDBOX_TOKEN),
                ACCOUNT,
                namespace);
        return new Principal(
                ACCOUNT,
                null,
                null,
                namespace,
                "s",
                CloudflareSimConfig.SANDBOX_TOKEN,
                Instant.now(),
                Instant.now().plusSeconds(600),
                kv);
    }

    /** A config as the Go program writes it: no size, a type name that says nothing about the real server. */
    private static VpsConfig goConfig(long id) {
        return new VpsConfig(
                id,
                "go-" + id,
                "cx53",
                "fsn1",
                "192.0.2.1",
                null,
                null,
                "root",
                22,
                0,
                0,
                null,
                VpsConfig.PROVIDER_HETZNER,
                Long.toString(id),
                null,
                null,
                null,
                null,
                null);
    }

    @Test
    void aRecordedSize_shouldBeUsed_withoutAskingHetzner() {
        int reads = HETZNER.http().calls("GET /servers/{id}");

        ServerCapacity.Resolved resolved = CAPACITY.of(principal(), goConfig(1).withCapacity(2, 4, 40));

        assertThat(resolved.capacity()).contains(new ServerCapacity.Capacity(2, 4, 40));
        assertThat(resolved.source()).isEqualTo("config");
        assertThat(HETZNER.http().calls("GET /servers/{id}")).isEqualTo(reads);
    }

    @Test
    void aGoProgramConfig_shouldBeSizedByTheServersLiveTypeAtHetzner() {
        Principal principal = principal();
        KEYS.store(principal, HetznerSimulator.DEFAULT_TOKEN);
        long id = TRANSPORT
                .withToken(HetznerSimulator.DEFAULT_TOKEN)
                .createServer(new CreateServerRequest(
                        "sized-" + System.nanoTime(),
                        "cx23",
                        "ubuntu-24.04",
                        "fsn1",
                        List.of(),
                        null,
                        Map.of(HetznerServers.LABEL_KEY, HetznerServers.LABEL_VALUE),
                        true))
                .server()
                .id();

        ServerCapacity.Resolved resolved = CAPACITY.of(principal, goConfig(id));
        Map<Long, ServerCapacity.Capacity> listed = CAPACITY.ofAll(principal, List.of(goConfig(id)));

        assertThat(resolved.capacity()).contains(new ServerCapacity.Capacity(2, 4, 40));
        assertThat(resolved.source()).isEqualTo("hetzner");
        assertThat(resolved.serverType()).isEqualTo("cx23");
        assertThat(listed).containsEntry(id, new ServerCapacity.Capacity(2, 4, 40));
    }

    @Test
    void anUnknownSize_shouldSaySoAndWhy_neverPassSilently() {
        Principal withoutKey = principal();
        Principal withKey = principal();
        KEYS.store(withKey, HetznerSimulator.DEFAULT_TOKEN);
        VpsConfig oci = new VpsConfig(
                9,
                "oci-1",
                "VM.Standard.A1.Flex",
                "eu-frankfurt-1",
                null,
                null,
                null,
                "ubuntu",
                22,
                0,
                0,
                null,
                VpsConfig.PROVIDER_OCI,
                "ocid1.instance",
                "arm64",
                null,
                4.0,
                24.0,
                "eu-frankfurt-1");

        ServerCapacity.Resolved noKey = CAPACITY.of(withoutKey, goConfig(5));
        ServerCapacity.Resolved gone = CAPACITY.of(withKey, goConfig(4242));
        ServerCapacity.Resolved shape = CAPACITY.of(withKey, oci);

        assertThat(noKey.capacity()).isEmpty();
        assertThat(noKey.note()).contains("go-5").contains("not checked").contains("HETZNER_KEY_REQUIRED");
        assertThat(gone.capacity()).isEmpty();
        assertThat(gone.note()).contains("not_found");
        assertThat(shape.capacity()).isEmpty();
        assertThat(shape.note()).contains("Oracle Cloud");
    }
}
