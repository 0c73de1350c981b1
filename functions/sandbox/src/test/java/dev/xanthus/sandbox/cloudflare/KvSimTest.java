package dev.xanthus.sandbox.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator's Workers KV over raw HTTP, as Cloudflare answers it (facts in contracts/cloudflare/README.md). */
class KvSimTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ACCOUNT = CloudflareSimConfig.SANDBOX_ACCOUNT_ID;

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-02T10:00:00Z"));
    private CloudflareSimulator simulator;
    private String namespace;

    @BeforeEach
    void start() {
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        simulator = CloudflareSimulator.start(
                CloudflareSimConfig.defaults().withPort(0).withClock(clock));
        namespace = simulator.createKvNamespace(ACCOUNT, "Xanthus");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void multipartWrite_shouldStoreValueAndMetadata_seenByGetListingAndBulkRead() throws Exception {
        // given: a body as the official SDK builds it (a value part and a JSON metadata part)
        String boundary = "----xanthus-test";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"value\"\r\n\r\nhello\r\nworld\r\n"
                + "--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n{\"by\":\"xanthus\"}\r\n"
                + "--" + boundary + "--\r\n";

        // when
        HttpResponse<String> put = send("PUT", "/values/greeting", body, "multipart/form-data; boundary=" + boundary);

        // then
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(send("GET", "/values/greeting", null, null).body()).isEqualTo("hello\r\nworld");
        JsonNode key = json(send("GET", "/keys", null, null)).path("result").get(0);
        assertThat(key.path("name").asText()).isEqualTo("greeting");
        assertThat(key.path("metadata").path("by").asText()).isEqualTo("xanthus");
        assertThat(key.has("expiration")).isFalse();
        JsonNode read = json(bulkGet(Map.of("keys", List.of("greeting", "nope"), "withMetadata", true)))
                .path("result")
                .path("values");
        assertThat(read.path("greeting").path("value").asText()).isEqualTo("hello\r\nworld");
        assertThat(read.path("greeting").path("metadata").path("by").asText()).isEqualTo("xanthus");
        assertThat(read.get("nope").isNull()).isTrue();
    }

    @Test
    void multipartWrite_shouldBeRefused_andChangeNothing_whenMetadataIsNotJson() throws Exception {
        String boundary = "b";
        String body = "--b\r\nContent-Disposition: form-data; name=\"value\"\r\n\r\nv\r\n"
                + "--b\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n{not json\r\n--b--\r\n";

        HttpResponse<String> put = send("PUT", "/values/k", body, "multipart/form-data; boundary=" + boundary);

        assertThat(put.statusCode()).isEqualTo(400);
        assertThat(simulator.kvValue(ACCOUNT, namespace, "k")).isEmpty();
    }

    @Test
    void expirationTtl_shouldHideTheValueFromReadsAndListings_onceItHasPassed() throws Exception {
        // given
        send("PUT", "/values/session?expiration_ttl=120", "s", "application/octet-stream");
        send("PUT", "/values/forever", "f", "application/octet-stream");
        long expiresAt = now.get().getEpochSecond() + 120;

        // then, before: listed with its expiration, read with the header
        JsonNode keys = json(send("GET", "/keys", null, null)).path("result");
        assertThat(keys.findValuesAsText("name")).containsExactly("forever", "session");
        assertThat(keys.get(1).path("expiration").asLong()).isEqualTo(expiresAt);
        assertThat(send("GET", "/values/session", null, null).headers().firstValue("expiration"))
                .contains(Long.toString(expiresAt));

        // when
        now.set(now.get().plus(Duration.ofSeconds(121)));

        // then, after: gone everywhere
        HttpResponse<String> get = send("GET", "/values/session", null, null);
        assertThat(get.statusCode()).isEqualTo(404);
        assertThat(json(get).path("errors").get(0).path("code").asInt()).isEqualTo(10009);
        assertThat(json(send("GET", "/keys", null, null)).path("result").findValuesAsText("name"))
                .containsExactly("forever");
        assertThat(json(bulkGet(Map.of("keys", List.of("session", "forever"))))
                        .path("result")
                        .path("values")
                        .toString())
                .isEqualTo("{\"session\":null,\"forever\":\"f\"}");
    }

    @Test
    void expiration_shouldBeRefused_whenTtlIsUnder60OrTheTimeIsTooSoon_andTtlShouldWinOverExpiration()
            throws Exception {
        long soon = now.get().getEpochSecond() + 30;

        assertThat(send("PUT", "/values/a?expiration_ttl=59", "x", "text/plain").statusCode())
                .isEqualTo(400);
        assertThat(send("PUT", "/values/a?expiration=" + soon, "x", "text/plain")
                        .statusCode())
                .isEqualTo(400);
        assertThat(simulator.kvValue(ACCOUNT, namespace, "a")).isEmpty();

        send("PUT", "/values/b?expiration=" + soon + "&expiration_ttl=600", "x", "text/plain");
        assertThat(json(send("GET", "/keys", null, null))
                        .path("result")
                        .get(0)
                        .path("expiration")
                        .asLong())
                .isEqualTo(now.get().getEpochSecond() + 600);
    }

    @Test
    void bulkGet_shouldRefuseMoreThan100Keys_noKeys_andAnUnknownType() throws Exception {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            keys.add("k" + i);
        }

        HttpResponse<String> tooMany = bulkGet(Map.of("keys", keys));
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(json(tooMany).path("errors").get(0).path("message").asText())
                .isEqualTo("You can request a maximum of 100 keys");
        assertThat(bulkGet(Map.of("keys", keys.subList(0, 100))).statusCode()).isEqualTo(200);
        assertThat(bulkGet(Map.of("keys", List.of())).statusCode()).isEqualTo(400);
        assertThat(bulkGet(Map.of("keys", List.of("a"), "type", "arrayBuffer")).statusCode())
                .isEqualTo(400);
    }

    @Test
    void bulkGetJson_shouldParseValues_butFailTheWholeCall_whenOneValueIsNotJson() throws Exception {
        simulator.putKvValues(ACCOUNT, namespace, Map.of("obj", "{\"a\":1}", "num", "42", "text", "plain words"));

        JsonNode parsed = json(bulkGet(Map.of("keys", List.of("obj", "num", "missing"), "type", "json")));
        assertThat(parsed.path("result").path("values").toString())
                .isEqualTo("{\"obj\":{\"a\":1},\"num\":42,\"missing\":null}");

        HttpResponse<String> mixed = bulkGet(Map.of("keys", List.of("obj", "text"), "type", "json"));
        assertThat(mixed.statusCode()).isEqualTo(400);
        assertThat(json(mixed).path("errors").get(0).path("message").asText())
                .isEqualTo("At least one of the requested keys corresponds to a non-json value");
        assertThat(json(bulkGet(Map.of("keys", List.of("obj", "text"), "type", "text")))
                        .path("result")
                        .path("values")
                        .path("text")
                        .asText())
                .isEqualTo("plain words");
    }

    @Test
    void bulkWriteAndDelete_shouldApplyEveryPair_orNothing_whenOnePairIsInvalid() throws Exception {
        HttpResponse<String> refused = send(
                "PUT",
                "/bulk",
                JSON.writeValueAsString(List.of(Map.of("key", "ok", "value", "1"), Map.of("key", "bad"))),
                "application/json");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(simulator.kvValue(ACCOUNT, namespace, "ok")).isEmpty();

        HttpResponse<String> written = send(
                "PUT",
                "/bulk",
                JSON.writeValueAsString(List.of(
                        Map.of("key", "a", "value", "1"),
                        Map.of(
                                "key",
                                "b",
                                "value",
                                "aGk=",
                                "base64",
                                true,
                                "metadata",
                                Map.of("m", 1),
                                "expiration_ttl",
                                300))),
                "application/json");
        assertThat(json(written).path("result").path("successful_key_count").asInt())
                .isEqualTo(2);
        assertThat(simulator.kvValue(ACCOUNT, namespace, "b")).contains("hi");

        HttpResponse<String> deleted = send("POST", "/bulk/delete", "[\"a\",\"b\",\"never\"]", "application/json");
        assertThat(json(deleted).path("result").path("successful_key_count").asInt())
                .isEqualTo(3);
        assertThat(json(send("GET", "/keys", null, null)).path("result").size()).isZero();
    }

    @Test
    void accountToken_shouldFailUserVerify_with1000_andVerifyAtItsAccount() throws Exception {
        HttpResponse<String> user =
                call("GET", simulator.baseUri() + "/user/tokens/verify", CloudflareSimConfig.SANDBOX_ACCOUNT_TOKEN);
        assertThat(user.statusCode()).isEqualTo(401);
        assertThat(json(user).path("errors").get(0).path("code").asInt()).isEqualTo(1000);

        HttpResponse<String> account = call(
                "GET",
                simulator.baseUri() + "/accounts/" + ACCOUNT + "/tokens/verify",
                CloudflareSimConfig.SANDBOX_ACCOUNT_TOKEN);
        assertThat(json(account).path("result").path("status").asText()).isEqualTo("active");
        assertThat(call("GET", simulator.baseUri() + "/user", CloudflareSimConfig.SANDBOX_ACCOUNT_TOKEN)
                        .statusCode())
                .isEqualTo(403);
    }

    private HttpResponse<String> bulkGet(Map<String, Object> body) throws Exception {
        return send("POST", "/bulk/get", JSON.writeValueAsString(body), "application/json");
    }

    private HttpResponse<String> send(String method, String path, String body, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
                        simulator.baseUri() + "/accounts/" + ACCOUNT + "/storage/kv/namespaces/" + namespace + path))
                .header("Authorization", "Bearer " + CloudflareSimConfig.SANDBOX_TOKEN)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> call(String method, String url, String token) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }
}
