package dev.xanthus.api.apps;

import static dev.xanthus.api.testing.ApiClient.code;
import static dev.xanthus.api.testing.ApiClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xanthus.api.testing.CloudflareSandbox;
import dev.xanthus.api.testing.HetznerSandbox;
import dev.xanthus.clients.cloudflare.HttpCloudflareClient;
import dev.xanthus.clients.hetzner.CreateServerRequest;
import dev.xanthus.clients.hetzner.HttpHetznerClient;
import dev.xanthus.clients.http.JsonHttp;
import dev.xanthus.clients.http.RetryAdvice;
import dev.xanthus.sandbox.hetzner.HetznerSimulator;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The capacity check of a deploy over HTTP: a server too small for its apps is refused 422, by the size Xanthus
 * recorded at create or, for a server the Go program made, by the size Hetzner answers.
 */
class AppCapacityIT extends AppsOnAServer {

    @Test
    void deploy_shouldBe422_whenTheServerIsTooSmallForItsApps_bySizeRecordedAtCreate() throws Exception {
        // a cx23 (2 vCPU, 4 GB, 40 GB) as Xanthus records it: argocd + open-webui + code-server need 5 GB memory
        long fakeId = serverId + 1_000_000;
        ObjectNode config = (ObjectNode) JSON.readTree(user.kv("vps:" + serverId + ":config"));
        config.put("server_id", fakeId)
                .put("server_type", "cx23")
                .put("cores", 2)
                .put("memory_gb", 4)
                .put("disk_gb", 40);

        HttpResponse<String> response = deployOnto(fakeId, config);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(code(response)).isEqualTo("SERVER_TOO_SMALL");
        assertThat(JSON.readTree(response.body()).path("error").path("message").asText())
                .contains("cx23: 2 vCPU, 4 GB, 40 GB");
    }

    @Test
    void deploy_shouldBe422_onAGoProgramServerTooSmall_bySizeReadFromHetzner() throws Exception {
        // A config the Go program wrote (no size) for a real cx23 at Hetzner; its server_type even names a big type, so
        // only Hetzner's answer can make this refuse.
        HttpHetznerClient hetzner = new HttpHetznerClient(
                JsonHttp.create(RetryAdvice.rateLimitReset()),
                HetznerSandbox.SIM.baseUri(),
                HetznerSimulator.DEFAULT_TOKEN);
        long goId = hetzner.createServer(new CreateServerRequest(
                        unique("go"),
                        "cx23",
                        "ubuntu-24.04",
                        "nbg1",
                        List.of(),
                        null,
                        Map.of("managed_by", "xanthus"),
                        true))
                .server()
                .id();
        ObjectNode config = JSON.createObjectNode()
                .put("server_id", goId)
                .put("name", "go-made")
                .put("server_type", "cx53")
                .put("location", "nbg1")
                .put("public_ipv4", "192.0.2.77")
                .put("ssh_user", "root")
                .put("ssh_port", 22)
                .put("provider", "Hetzner");
        int reads = HetznerSandbox.SIM.http().calls("GET /servers/{id}");
        try {
            HttpResponse<String> response = deployOnto(goId, config);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
            assertThat(code(response)).isEqualTo("SERVER_TOO_SMALL");
            assertThat(JSON.readTree(response.body())
                            .path("error")
                            .path("message")
                            .asText())
                    .contains("cx23: 2 vCPU, 4 GB, 40 GB");
            assertThat(HetznerSandbox.SIM.http().calls("GET /servers/{id}")).isGreaterThan(reads);
        } finally {
            hetzner.deleteServer(goId);
        }
    }

    /** Puts {@code config} and two apps (argocd, open-webui) on server {@code id} in KV, deploys code-server there. */
    private HttpResponse<String> deployOnto(long id, ObjectNode config) throws Exception {
        Map<String, String> records = new HashMap<>();
        records.put("vps:" + id + ":config", config.toString());
        for (String type : List.of("argocd", "open-webui")) {
            String appId = "app-fake" + id + type.replace("-", "");
            records.put(
                    "app:" + appId,
                    JSON.writeValueAsString(Map.of(
                            "id",
                            appId,
                            "app_type",
                            type,
                            "subdomain",
                            unique("f"),
                            "domain",
                            DOMAIN,
                            "vps_id",
                            Long.toString(id),
                            "status",
                            "running")));
        }
        CloudflareSandbox.SIM.putKvValues(ACCOUNT, user.namespaceId(), records);
        try {
            Map<String, Object> b = new HashMap<>(body("code-server", unique("small"), null, "x"));
            b.put("vpsId", Long.toString(id));
            return user.send("POST", "/api/v1/applications", b);
        } finally {
            for (String key : records.keySet()) {
                new dev.xanthus.core.kv.KvStore(
                                HttpCloudflareClient.create(CloudflareSandbox.SIM.baseUri())
                                        .withToken(user.token()),
                                ACCOUNT,
                                user.namespaceId())
                        .delete(key);
            }
        }
    }
}
