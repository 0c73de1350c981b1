package dev.xanthus.api.dns;

import static dev.xanthus.api.dns.DomainsSandbox.SIM;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xanthus.api.testing.ApiContract;
import dev.xanthus.clients.cloudflare.CloudflareClient;
import dev.xanthus.clients.cloudflare.HttpCloudflareClient;
import dev.xanthus.clients.cloudflare.KvKey;
import dev.xanthus.sandbox.cloudflare.CloudflareSimConfig;
import dev.xanthus.sandbox.cloudflare.ZoneSnapshot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A user signed in to the dns function under test ({@link DomainsSandbox}'s Cloudflare simulator), with the requests
 * and checks the domains integration tests share. "Restored exactly" ({@link #assertRestored}) means: the zone's
 * settings, page rules (ids, targets, actions, timestamps) and DNS records equal the snapshot taken before, and its
 * certificates are those of before plus only certificates that are now revoked (Cloudflare keeps listing a revoked
 * certificate).
 */
final class DomainCalls {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ACCOUNT = CloudflareSimConfig.SANDBOX_ACCOUNT_ID;
    /** The user's own Cloudflare calls, past the API: to arrange a zone, or to look at it. */
    static final CloudflareClient CF =
            HttpCloudflareClient.create(SIM.baseUri()).withToken(CloudflareSimConfig.SANDBOX_TOKEN);

    final HttpClient http = HttpClient.newHttpClient();
    /** Every body the API answered this user, for the tests that check what they never carry. */
    final List<String> bodies = new CopyOnWriteArrayList<>();

    private final int port;
    final String jwt;
    final String namespace;

    private DomainCalls(int port, String jwt, String namespace) {
        this.port = port;
        this.jwt = jwt;
        this.namespace = namespace;
    }

    /** Signs in with a fresh token of the simulator's sandbox account. */
    static DomainCalls signIn(int port) throws Exception {
        String token = "tok_" + UUID.randomUUID().toString().replace("-", "");
        SIM.addToken(token);
        DomainCalls anonymous = new DomainCalls(port, null, null);
        JsonNode login =
                data(anonymous.send("POST", "/api/auth/login", JSON.writeValueAsString(Map.of("token", token)), null));
        return new DomainCalls(
                port,
                login.path("jwt_token").asText(),
                login.path("namespace_id").asText());
    }

    /** Clears what a test armed: the simulator's faults and the root's failure. */
    static void clearFaults() {
        SIM.server().faults().clear();
        DomainsSandbox.ROOT.fail = false;
    }

    HttpResponse<String> configure(String domain) throws Exception {
        return send("POST", "/api/v1/dns/configure", JSON.writeValueAsString(Map.of("domain", domain)), jwt);
    }

    HttpResponse<String> send(String method, String path, String body, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        ApiContract.check(method, response.request().uri(), response);
        bodies.add(response.body());
        return response;
    }

    String kv(String key) {
        return SIM.kvValue(ACCOUNT, namespace, key).orElse(null);
    }

    /** Every key of the user's namespace with its value. */
    Map<String, String> kvContents() {
        Map<String, String> contents = new java.util.LinkedHashMap<>();
        for (KvKey key : CF.listKvKeys(ACCOUNT, namespace, null)) {
            contents.put(key.name(), kv(key.name()));
        }
        return contents;
    }

    /** Settings, page rules and DNS records as before; certificates as before plus only revoked ones. */
    static void assertRestored(ZoneSnapshot before, ZoneSnapshot after) {
        assertThat(after.settings()).isEqualTo(before.settings());
        assertThat(after.pageRules()).isEqualTo(before.pageRules());
        assertThat(after.dnsRecords()).isEqualTo(before.dnsRecords());
        List<ZoneSnapshot.Certificate> added = after.certificates().stream()
                .filter(c -> !before.certificates().contains(c))
                .toList();
        assertThat(added).allSatisfy(c -> assertThat(c.revoked())
                .as("certificate %s revoked", c.id())
                .isTrue());
        assertThat(after.certificates().stream().filter(c -> !added.contains(c)).toList())
                .containsExactlyElementsOf(before.certificates());
    }

    static JsonNode data(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("data");
    }

    static String code(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).path("error").path("code").asText();
    }

    static JsonNode find(JsonNode list, String name) {
        for (JsonNode d : list) {
            if (d.path("name").asText().equals(name)) {
                return d;
            }
        }
        throw new AssertionError("no " + name);
    }

    static String domainKey(String domain) {
        return "domain:" + domain + ":ssl_config";
    }

    /** Every call the simulator has answered so far. */
    static int totalCalls() {
        return SIM.server().calls().values().stream()
                .mapToInt(Integer::intValue)
                .sum();
    }
}
