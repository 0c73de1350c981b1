package dev.xanthus.api.apps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xanthus.api.testing.ApiClient;
import dev.xanthus.api.testing.CloudflareSandbox;
import dev.xanthus.api.testing.HetznerSandbox;
import dev.xanthus.api.testing.OverHttp;
import dev.xanthus.api.testing.SignedIn;
import dev.xanthus.clients.cloudflare.CloudflareClient;
import dev.xanthus.clients.cloudflare.HttpCloudflareClient;
import dev.xanthus.clients.cloudflare.KvKey;
import dev.xanthus.sandbox.cloudflare.CloudflareSimulator;
import dev.xanthus.sandbox.http.Fault;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Cloudflare calls a list costs, counted by the simulator over HTTP: the rate limit (1,200 requests per five
 * minutes per token) is spent per page load, so a list must not cost a call per record. Also: Cloudflare's 429 is
 * the browser's 429 with {@code Retry-After}. Runs in an account of its own, so seeded records stay out of others.
 */
@OverHttp(HetznerSandbox.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KvBudgetIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CloudflareSimulator SIM = CloudflareSandbox.SIM;
    private static final String ACCOUNT = CloudflareSandbox.KV_BUDGET_ACCOUNT;
    private static final String KEYS = "GET /accounts/{account_id}/storage/kv/namespaces/{namespace_id}/keys";
    private static final String BULK_GET = "POST /accounts/{account_id}/storage/kv/namespaces/{namespace_id}/bulk/get";
    private static final String VALUE =
            "GET /accounts/{account_id}/storage/kv/namespaces/{namespace_id}/values/{key_name}";
    /** Routes of every Cloudflare call made for this test's namespace (others' calls are not ours to count). */
    private static final List<String> CALLS = new CopyOnWriteArrayList<>();

    private static volatile String recordedNamespace = "none";

    static {
        SIM.server().onExchange((request, response) -> {
            if (request.path().contains("/" + recordedNamespace + "/")) {
                CALLS.add(request.route());
            }
        });
    }

    @LocalServerPort
    int port;

    private String jwt;
    private String namespace;
    private CloudflareClient cloudflare;

    @BeforeAll
    void signIn() throws Exception {
        String token = "tok_" + UUID.randomUUID().toString().replace("-", "");
        SIM.addToken(token);
        JsonNode login = ApiClient.data(
                ApiClient.send(port, "POST", "/api/auth/login", Map.of("token", token, "accountId", ACCOUNT), null),
                200);
        jwt = login.path("jwt_token").asText();
        cloudflare = HttpCloudflareClient.create(SIM.baseUri()).withToken(token);
        namespace = login.path("namespace_id").asText();
        recordedNamespace = namespace;
    }

    @BeforeEach
    void clearCounts() {
        CALLS.clear();
    }

    /** Each test counts against its own records only. */
    @AfterEach
    void clearFaultsAndApps() {
        SIM.server().faults().clear();
        List<String> apps = cloudflare.listKvKeys(ACCOUNT, namespace, "app:").stream()
                .map(KvKey::name)
                .toList();
        cloudflare.deleteKvValues(ACCOUNT, namespace, apps);
    }

    @Test
    void applicationsList_of50Apps_shouldCostAtMost3CloudflareCalls() throws Exception {
        // given: 50 apps, each with its port-forward list, as the Go schema stores them
        seedApps("fifty", 50);
        CALLS.clear();

        // when
        JsonNode apps = ApiClient.data(ApiClient.send(port, "GET", "/api/v1/applications", null, jwt), 200);

        // then: one key listing and one bulk read; no read per app
        assertThat(apps.findValuesAsText("id"))
                .filteredOn(id -> id.startsWith("app-fifty"))
                .hasSize(50);
        assertThat(CALLS)
                .hasSizeLessThanOrEqualTo(3)
                .containsOnly(KEYS, BULK_GET)
                .doesNotContain(VALUE);
    }

    @Test
    void applicationsList_of150Apps_shouldReadThemIn2BulkCalls_andSkipAForeignValue() throws Exception {
        seedApps("many", 150);
        SIM.putKvValues(ACCOUNT, namespace, Map.of("app:app-notjson0000", "this is not JSON"));
        CALLS.clear();

        JsonNode apps = ApiClient.data(ApiClient.send(port, "GET", "/api/v1/applications", null, jwt), 200);

        // A non-JSON value would fail a type:json bulk read as a whole: read as text, it only drops out itself.
        assertThat(apps.findValuesAsText("id"))
                .filteredOn(id -> id.startsWith("app-many"))
                .hasSize(150);
        assertThat(apps.findValuesAsText("id")).doesNotContain("app-notjson0000");
        // 100 keys a bulk read: 151 app records in two
        assertThat(CALLS.stream().filter(BULK_GET::equals).count()).isEqualTo(2);
        assertThat(CALLS).doesNotContain(VALUE);
    }

    @Test
    void serverList_shouldCostAtMost3CloudflareCalls_andCountAppsPerServer() throws Exception {
        // given: a Hetzner key, one server, and 20 apps on it in KV
        SignedIn user = new SignedIn(port, null, jwt, namespace, Duration.ofSeconds(30)).withHetznerKey();
        JsonNode created = user.createServer(ApiClient.unique("kv"));
        long serverId = created.path("server").path("id").asLong();
        Map<String, String> records = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            String id = String.format("app-onsrv%07d", i);
            records.put("app:" + id, app(id, String.valueOf(serverId)));
        }
        SIM.putKvValues(ACCOUNT, namespace, records);
        CALLS.clear();

        // when
        JsonNode servers = ApiClient.data(ApiClient.send(port, "GET", "/api/v1/vps", null, jwt), 200);

        // then: one key listing, one bulk read of apps and configs, one read of the Hetzner key
        JsonNode server = null;
        for (JsonNode s : servers) {
            if (s.path("id").asLong() == serverId) {
                server = s;
            }
        }
        assertThat(server).as(servers.toString()).isNotNull();
        assertThat(server.path("app_count").asInt()).as(server.toString()).isEqualTo(20);
        assertThat(CALLS).hasSizeLessThanOrEqualTo(3);
        assertThat(CALLS.stream().filter(VALUE::equals).count())
                .as(CALLS.toString())
                .isLessThanOrEqualTo(1);
        assertThat(CALLS.stream().filter(BULK_GET::equals).count()).isEqualTo(1);
    }

    @Test
    void cloudflare429_shouldReachTheBrowserAs429WithRetryAfter_andChangeNothing() throws Exception {
        // given: Cloudflare rate limits the key listing and advises a wait longer than the client retries for
        SIM.server().faults().inject(KEYS, Fault.rateLimited(30), 1);

        // when
        HttpResponse<String> list = ApiClient.send(port, "GET", "/api/v1/applications", null, jwt);

        // then
        assertThat(list.statusCode()).as(list.body()).isEqualTo(429);
        assertThat(list.headers().firstValue("Retry-After")).contains("30");
        JsonNode body = JSON.readTree(list.body());
        assertThat(body.path("status").asText()).isEqualTo("error");
        assertThat(body.path("error").path("code").asText()).isEqualTo("CLOUDFLARE_RATE_LIMITED");
        assertThat(list.body()).doesNotContain("Exception").doesNotContain("tok_");
        assertThat(ApiClient.send(port, "GET", "/api/v1/applications", null, jwt)
                        .statusCode())
                .isEqualTo(200);
    }

    private void seedApps(String prefix, int count) throws Exception {
        Map<String, String> records = new HashMap<>();
        for (int i = 0; i < count; i++) {
            String id = String.format("app-%s%06d", prefix, i);
            records.put("app:" + id, app(id, "1"));
            records.put("app:" + id + ":port-forwards", "[]");
        }
        SIM.putKvValues(ACCOUNT, namespace, records);
    }

    private static String app(String id, String vpsId) throws Exception {
        return JSON.writeValueAsString(Map.of(
                "id",
                id,
                "name",
                id,
                "app_type",
                "code-server",
                "app_version",
                "4.96.4",
                "subdomain",
                id,
                "domain",
                "example.com",
                "vps_id",
                vpsId,
                "namespace",
                "code-server",
                "status",
                "running",
                "url",
                "https://" + id + ".example.com"));
    }
}
