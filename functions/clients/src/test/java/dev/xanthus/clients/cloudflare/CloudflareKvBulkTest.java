package dev.xanthus.clients.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xanthus.sandbox.http.SimRequest;
import dev.xanthus.sandbox.http.SimResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The KV bulk operations over HTTP against the simulator; every exchange is checked against the bulk fragment. */
class CloudflareKvBulkTest {

    private static final String BULK_GET = "POST /accounts/{account_id}/storage/kv/namespaces/{namespace_id}/bulk/get";
    private static final String BULK_PUT = "PUT /accounts/{account_id}/storage/kv/namespaces/{namespace_id}/bulk";
    private static final String BULK_DELETE =
            "POST /accounts/{account_id}/storage/kv/namespaces/{namespace_id}/bulk/delete";
    private static final String VALUE =
            "GET /accounts/{account_id}/storage/kv/namespaces/{namespace_id}/values/{key_name}";

    @RegisterExtension
    final CloudflareSandbox sandbox = new CloudflareSandbox();

    @Test
    void getKvStrings_shouldReadEveryKeyInOneCall_andLeaveOutMissingOnes() {
        // given
        String ns = sandbox.simulator().createKvNamespace(sandbox.accountId(), "Xanthus");
        sandbox.simulator()
                .putKvValues(sandbox.accountId(), ns, Map.of("app:a", "{\"id\":\"a\"}", "plain", "not json"));

        // when
        Map<String, String> values =
                sandbox.client().getKvStrings(sandbox.accountId(), ns, List.of("app:a", "plain", "missing"));

        // then: text values, a non-JSON one included, and no entry for the missing key
        assertThat(values).containsExactly(Map.entry("app:a", "{\"id\":\"a\"}"), Map.entry("plain", "not json"));
        assertThat(sandbox.server().calls(BULK_GET)).isEqualTo(1);
        assertThat(sandbox.server().calls(VALUE)).isZero();
        assertThat(sandbox.contract().checked()).contains(BULK_GET + " -> 200");
    }

    @Test
    void getKvStrings_shouldSplitIntoCallsOf100_when250KeysAreAsked() {
        // given
        String ns = sandbox.simulator().createKvNamespace(sandbox.accountId(), "Xanthus");
        Map<String, String> seeded = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            seeded.put("k" + i, "v" + i);
            keys.add("k" + i);
        }
        sandbox.simulator().putKvValues(sandbox.accountId(), ns, seeded);

        // when
        Map<String, String> values = sandbox.client().getKvStrings(sandbox.accountId(), ns, keys);

        // then: three calls (100 + 100 + 50), each within the fragment's maxItems (request validation is on)
        assertThat(values).hasSize(250).containsEntry("k0", "v0").containsEntry("k249", "v249");
        assertThat(sandbox.server().calls(BULK_GET)).isEqualTo(3);
    }

    @Test
    void getKvStrings_shouldMakeNoCall_whenNoKeysAreAsked() {
        String ns = sandbox.simulator().createKvNamespace(sandbox.accountId(), "Xanthus");

        assertThat(sandbox.client().getKvStrings(sandbox.accountId(), ns, List.of()))
                .isEmpty();
        assertThat(sandbox.server().calls(BULK_GET)).isZero();
    }

    @Test
    void putKvStrings_shouldWriteEveryPairWithTtlAndMetadata_inOneCall() {
        // given
        String ns = sandbox.simulator().createKvNamespace(sandbox.accountId(), "Xanthus");

        // when
        sandbox.client()
                .putKvStrings(
                        sandbox.accountId(),
                        ns,
                        List.of(KvWrite.of("a", "1"), new KvWrite("b", "2", 3600L, Map.of("by", "xanthus"))));

        // then
        assertThat(sandbox.simulator().kvValue(sandbox.accountId(), ns, "a")).contains("1");
        assertThat(sandbox.server().calls(BULK_PUT)).isEqualTo(1);
        List<KvKey> keys = sandbox.client().listKvKeys(sandbox.accountId(), ns, null);
        assertThat(keys).extracting(KvKey::name).containsExactly("a", "b");
        assertThat(keys.get(0).expiration()).isNull();
        assertThat(keys.get(1).expiration()).isGreaterThan(System.currentTimeMillis() / 1000 + 3500);
        assertThat(keys.get(1).metadata().path("by").asText()).isEqualTo("xanthus");
        assertThat(sandbox.contract().checked()).contains(BULK_PUT + " -> 200");
    }

    @Test
    void deleteKvValues_shouldDeleteEveryKey_missingOnesIncluded_inOneCall() {
        // given
        String ns = sandbox.simulator().createKvNamespace(sandbox.accountId(), "Xanthus");
        sandbox.simulator().putKvValues(sandbox.accountId(), ns, Map.of("a", "1", "b", "2", "keep", "3"));

        // when
        sandbox.client().deleteKvValues(sandbox.accountId(), ns, List.of("a", "b", "never-existed"));

        // then
        assertThat(sandbox.client().listKvKeys(sandbox.accountId(), ns, null))
                .extracting(KvKey::name)
                .containsExactly("keep");
        assertThat(sandbox.server().calls(BULK_DELETE)).isEqualTo(1);
        assertThat(sandbox.contract().checked()).contains(BULK_DELETE + " -> 200");
    }

    @Test
    void fragment_shouldCatchAReadOf101Keys_andAnAnswerWhoseResultIsNotAnObject() {
        // given: exchanges as a wrong client and a wrong simulator would make them
        ContractValidator contract = new ContractValidator();
        com.sun.net.httpserver.Headers headers = new com.sun.net.httpserver.Headers();
        headers.add("Authorization", "Bearer t");
        headers.add("Content-Type", "application/json");
        String path =
                "/client/v4/accounts/" + sandbox.accountId() + "/storage/kv/namespaces/" + "a".repeat(32) + "/bulk/get";
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            keys.add("\"k" + i + "\"");
        }
        byte[] tooMany = ("{\"keys\":[" + String.join(",", keys) + "]}").getBytes(StandardCharsets.UTF_8);
        SimResponse fine = success(Map.of("values", Map.of()));
        SimResponse broken = success(List.of("not", "an", "object"));

        // when
        contract.check(new SimRequest("POST", path, BULK_GET, Map.of(), Map.of(), headers, tooMany, path), fine);
        contract.check(
                new SimRequest(
                        "POST",
                        path,
                        BULK_GET,
                        Map.of(),
                        Map.of(),
                        headers,
                        "{\"keys\":[\"a\"]}".getBytes(StandardCharsets.UTF_8),
                        path),
                broken);

        // then
        assertThatThrownBy(contract::assertAllValid)
                .hasMessageContaining("at most 100 elements")
                .hasMessageContaining("[Path '/result']");
    }

    @Test
    void bulkCalls_shouldThrowNotFound_whenTheNamespaceIsGone() {
        assertThatThrownBy(() -> sandbox.client().getKvStrings(sandbox.accountId(), "0".repeat(32), List.of("a")))
                .isInstanceOfSatisfying(CloudflareException.class, e -> {
                    assertThat(e.kind()).isEqualTo(CloudflareException.Kind.NOT_FOUND);
                    assertThat(e.codes()).containsExactly(10013);
                });
    }

    /** Cloudflare's envelope of a successful answer around {@code result}. */
    private static SimResponse success(Object result) {
        return SimResponse.json(
                200, Map.of("success", true, "errors", List.of(), "messages", List.of(), "result", result));
    }
}
