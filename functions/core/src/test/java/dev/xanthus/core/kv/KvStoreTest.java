package dev.xanthus.core.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.xanthus.clients.cloudflare.HttpCloudflareClient;
import dev.xanthus.core.error.AppException;
import dev.xanthus.sandbox.cloudflare.CloudflareSimConfig;
import dev.xanthus.sandbox.cloudflare.CloudflareSimulator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The KV store over HTTP against the Cloudflare simulator, with small pages so cursor paging is exercised. */
class KvStoreTest {

    private static final CloudflareSimulator SIM =
            CloudflareSimulator.start(CloudflareSimConfig.defaults().withPort(0).withKvPageSize(50));
    private static final String ACCOUNT = CloudflareSimConfig.SANDBOX_ACCOUNT_ID;
    private static final String BULK_GET = "POST /accounts/{account_id}/storage/kv/namespaces/{namespace_id}/bulk/get";
    private static final String VALUE =
            "GET /accounts/{account_id}/storage/kv/namespaces/{namespace_id}/values/{key_name}";

    private final String namespace = SIM.createKvNamespace(ACCOUNT, "Xanthus-" + System.nanoTime());
    private final KvStore kv = new KvStore(
            HttpCloudflareClient.create(SIM.baseUri()).withToken(CloudflareSimConfig.SANDBOX_TOKEN),
            ACCOUNT,
            namespace);

    /** A value in the Go program's snake_case field names. */
    record Vps(@JsonProperty("server_id") String serverId, @JsonProperty("public_ipv4") String ip) {}

    @AfterAll
    static void stop() {
        SIM.close();
    }

    @Test
    void put_shouldStoreGoFieldNames_andGetShouldReadThemBack() {
        kv.put("vps:1:config", new Vps("1", "203.0.113.5"));

        assertThat(SIM.kvValue(ACCOUNT, namespace, "vps:1:config"))
                .hasValue("{\"server_id\":\"1\",\"public_ipv4\":\"203.0.113.5\"}");
        assertThat(kv.get("vps:1:config", Vps.class)).hasValue(new Vps("1", "203.0.113.5"));
        assertThat(kv.get("vps:missing:config", Vps.class)).isEmpty();
    }

    @Test
    void aNamespaceThatIsGone_shouldBe401SignInAgain_forEveryOperation() {
        KvStore gone = new KvStore(
                HttpCloudflareClient.create(SIM.baseUri()).withToken(CloudflareSimConfig.SANDBOX_TOKEN),
                ACCOUNT,
                "0123456789abcdef0123456789abcdef");

        List<Runnable> operations = List.of(
                () -> gone.getRaw("k"),
                () -> gone.putRaw("k", "v"),
                () -> gone.delete("k"),
                () -> gone.keys("app:"),
                () -> gone.getAll(List.of("a", "b"), Vps.class),
                () -> gone.deleteAll(List.of("a", "b")));
        for (Runnable operation : operations) {
            assertThatThrownBy(operation::run).isInstanceOfSatisfying(AppException.Unauthorized.class, e -> {
                assertThat(e.code()).isEqualTo("KV_NAMESPACE_GONE");
                assertThat(e.getMessage()).contains("Sign in again");
            });
        }
        // a missing key in a namespace that exists is still just absent
        assertThat(kv.getRaw("no-such-key")).isEmpty();
    }

    @Test
    void keys_shouldFollowTheCursorToTheEnd_andGetAllShouldReadInBulkCallsInOrder() {
        Map<String, String> values = new LinkedHashMap<>();
        IntStream.range(0, 120).forEach(i -> values.put(String.format("app:%03d", i), "{\"server_id\":\"" + i + "\"}"));
        values.put("app:bad", "not json");
        values.put("vps:9:config", "{}");
        SIM.putKvValues(ACCOUNT, namespace, values);
        SIM.server().resetCalls();

        List<String> keys = kv.keys("app:");
        Map<String, Vps> all = kv.getAll(keys, Vps.class);

        assertThat(keys).hasSize(121).doesNotContain("vps:9:config");
        assertThat(SIM.server().calls("GET /accounts/{account_id}/storage/kv/namespaces/{namespace_id}/keys"))
                .isEqualTo(3);
        assertThat(all).hasSize(120).doesNotContainKey("app:bad");
        assertThat(all.keySet()).startsWith("app:000", "app:001");
        assertThat(all.get("app:119").serverId()).isEqualTo("119");
        // 121 keys: two bulk reads (100 + 21), no single-value reads; the non-JSON value drops out alone
        assertThat(SIM.server().calls(BULK_GET)).isEqualTo(2);
        assertThat(SIM.server().calls(VALUE)).isZero();
    }

    @Test
    void getAll_shouldMakeNoCall_whenThereAreNoKeys() {
        SIM.server().resetCalls();

        assertThat(kv.getAll(List.of(), Vps.class)).isEmpty();
        kv.deleteAll(List.of());

        assertThat(SIM.server().calls()).isEmpty();
    }

    @Test
    void deleteAll_shouldRemoveEveryKeyInOneCall_andLeaveOthers() {
        SIM.putKvValues(ACCOUNT, namespace, Map.of("app:x", "{}", "app:x:password", "{}", "app:y", "{}"));
        SIM.server().resetCalls();

        kv.deleteAll(List.of("app:x", "app:x:password", "app:x:port-forwards"));

        assertThat(kv.keys("app:")).containsExactly("app:y");
        assertThat(SIM.server().calls("POST /accounts/{account_id}/storage/kv/namespaces/{namespace_id}/bulk/delete"))
                .isEqualTo(1);
    }

    @Test
    void delete_shouldRemoveTheKey() {
        kv.putRaw("config:x", "\"v\"");

        kv.delete("config:x");

        assertThat(kv.getRaw("config:x")).isEmpty();
    }
}
