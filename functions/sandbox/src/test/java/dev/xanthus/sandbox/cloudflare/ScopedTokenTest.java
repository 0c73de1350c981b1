package dev.xanthus.sandbox.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tokens granted only some permissions answer the others as Cloudflare does: 403, code 10000. */
class ScopedTokenTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ZONES_ONLY = "zones_only_token";
    private static CloudflareSimulator sim;

    @BeforeAll
    static void start() {
        sim = CloudflareSimulator.start(
                CloudflareSimConfig.defaults().withPort(0).withScopedToken(ZONES_ONLY, Set.of("zone", "kv")));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static HttpResponse<String> get(String token, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(sim.baseUri() + path))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aScopedToken_shouldUseItsRouteFamilies_andGet403With10000OnTheOthers() throws Exception {
        String zone = sim.zoneId("example.com");

        assertThat(get(ZONES_ONLY, "/user/tokens/verify").statusCode()).isEqualTo(200);
        assertThat(get(ZONES_ONLY, "/zones").statusCode()).isEqualTo(200);
        HttpResponse<String> dns = get(ZONES_ONLY, "/zones/" + zone + "/dns_records");
        assertThat(dns.statusCode()).isEqualTo(403);
        JsonNode error = JSON.readTree(dns.body()).path("errors").get(0);
        assertThat(error.path("code").asInt()).isEqualTo(10000);
        assertThat(error.path("message").asText()).isEqualTo("Authentication error");
        assertThat(get(ZONES_ONLY, "/zones/" + zone + "/pagerules").statusCode())
                .isEqualTo(403);
        assertThat(get(ZONES_ONLY, "/accounts").statusCode()).isEqualTo(403);
        assertThat(get(CloudflareSimConfig.SANDBOX_TOKEN, "/zones/" + zone + "/pagerules")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void theAdminRoute_shouldAddAScopedToken_andRefuseUnknownPermissions() throws Exception {
        HttpResponse<String> added = admin("{\"token\":\"dns_only_token\",\"permissions\":[\"dns\"]}");
        HttpResponse<String> refused = admin("{\"token\":\"bad_token\",\"permissions\":[\"everything\"]}");

        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(get("dns_only_token", "/zones/" + sim.zoneId("example.com") + "/dns_records")
                        .statusCode())
                .isEqualTo(200);
        assertThat(get("dns_only_token", "/zones").statusCode()).isEqualTo(403);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(get("bad_token", "/user/tokens/verify").statusCode()).isEqualTo(401);
    }

    private static HttpResponse<String> admin(String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(sim.baseUri().resolve("/__admin/tokens"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
