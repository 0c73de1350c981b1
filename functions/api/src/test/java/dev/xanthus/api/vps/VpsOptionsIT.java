package dev.xanthus.api.vps;

import static dev.xanthus.api.testing.ApiClient.code;
import static dev.xanthus.api.testing.ApiClient.data;
import static dev.xanthus.api.testing.ApiClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xanthus.sandbox.hetzner.HetznerSimulator;
import dev.xanthus.sandbox.http.Fault;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The create form's options over HTTP, from Hetzner's catalog as it is today (per-location prices and availability,
 * no data centers), and Hetzner's removed endpoints and rate limits as the API answers them.
 */
class VpsOptionsIT extends VpsOverHttp {

    @Test
    void options_shouldListTypesAvailableInTheLocation_withThatLocationsPricesAndFilters() throws Exception {
        signInWithHetznerKey();

        JsonNode ash = options("location=ash&sort=price_desc");
        JsonNode arm = options("location=fsn1&architecture=arm");

        assertThat(ash.path("server_types").findValuesAsText("name"))
                .containsExactly(
                        "ccx63", "ccx53", "ccx43", "cpx62", "ccx33", "cpx52", "cpx42", "ccx23", "cpx32", "ccx13",
                        "cpx22", "cpx12");
        assertThat(ash.path("server_types").findValuesAsText("available")).containsOnly("true");
        assertThat(ash.path("locations")).hasSize(6);
        assertThat(arm.path("server_types").findValuesAsText("name"))
                .containsExactly("cax11", "cax21", "cax31", "cax41");
        assertThat(arm.path("server_types").get(0).path("monthly_total").decimalValue())
                .isGreaterThan(
                        arm.path("server_types").get(0).path("monthly_gross").decimalValue());
        assertThat(user.get("/api/v1/vps/options?location=fsn1&sort=random").statusCode())
                .isEqualTo(400);
    }

    @Test
    void options_shouldShowDeprecatedAndSoldOutTypesAsSuch_neverAsOffers() throws Exception {
        signInWithHetznerKey();

        JsonNode fsn1 = options("location=fsn1");
        JsonNode sin = options("location=sin");

        assertThat(fsn1.path("server_types").findValuesAsText("name"))
                .contains("cx23", "cpx22", "cax11", "ccx13")
                .doesNotContain("cx22", "cx32", "cpx11", "cpx21", "cpx31");
        JsonNode cx22 = find(fsn1.path("unavailable_types"), "cx22");
        assertThat(cx22.path("available").asBoolean()).isFalse();
        assertThat(cx22.path("deprecated").asBoolean()).isTrue();
        assertThat(cx22.path("reason").asText()).isEqualTo("deprecated");
        assertThat(cx22.path("unavailable_after").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(cx22.path("cores").asDouble()).isEqualTo(2);
        assertThat(find(fsn1.path("unavailable_types"), "cpx31")
                        .path("unavailable_after")
                        .asText())
                .isEqualTo("2027-03-31T00:00:00Z");
        assertThat(sin.path("server_types").findValuesAsText("name")).doesNotContain("cpx12");
        JsonNode cpx12 = find(sin.path("unavailable_types"), "cpx12");
        assertThat(cpx12.path("reason").asText()).isEqualTo("unavailable");
        assertThat(cpx12.path("deprecated").asBoolean()).isFalse();
    }

    /** The create form's options for {@code query}, expecting 200. */
    private JsonNode options(String query) throws Exception {
        return data(user.get("/api/v1/vps/options?" + query), 200);
    }

    private static JsonNode find(JsonNode types, String name) {
        for (JsonNode type : types) {
            if (type.path("name").asText().equals(name)) {
                return type;
            }
        }
        throw new AssertionError(name + " not among " + types);
    }

    @Test
    void optionsAndCreate_shouldWorkWhileDatacentersAre410_withoutEverCallingThem() throws Exception {
        signInWithHetznerKey();
        HttpResponse<String> gone = http.send(
                HttpRequest.newBuilder(URI.create(HETZNER.baseUri() + "/datacenters"))
                        .header("Authorization", "Bearer " + HetznerSimulator.DEFAULT_TOKEN)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(gone.body()).contains("deprecated_api_endpoint");
        int before = HETZNER.http().calls("GET /datacenters") + HETZNER.http().calls("GET /datacenters/{id}");

        assertThat(options("location=nbg1").path("server_types")).isNotEmpty();
        long id = user.createServer(unique("nodc")).path("server").path("id").asLong();
        try {
            assertThat(user.field("/api/v1/vps/" + id, "location")).isEqualTo("fsn1");

            assertThat(HETZNER.http().calls("GET /datacenters") + HETZNER.http().calls("GET /datacenters/{id}"))
                    .isEqualTo(before);
        } finally {
            user.send("DELETE", "/api/v1/vps/" + id, null);
        }
    }

    @Test
    void aRemovedHetznerEndpoint_shouldBe502HetznerApiRemoved_namingIt() throws Exception {
        signInWithHetznerKey();
        HETZNER.http()
                .faults()
                .inject(
                        "GET /server_types",
                        Fault.status(
                                410,
                                "{\"error\":{\"code\":"
                                        + "\"deprecated_api_endpoint\",\"message\":\"API functionality was removed\",\"details\":{"
                                        + "\"announcement\":\"https://docs.hetzner.cloud/changelog#2027-01-01-server-types-removed\"}}}"),
                        1);

        HttpResponse<String> options = user.get("/api/v1/vps/options?location=fsn1");

        assertThat(options.statusCode()).as(options.body()).isEqualTo(502);
        assertThat(code(options)).isEqualTo("HETZNER_API_REMOVED");
        JsonNode error = JSON.readTree(options.body()).path("error");
        assertThat(error.path("message").asText())
                .contains("Hetzner removed GET /v1/server_types")
                .contains("https://docs.hetzner.cloud/changelog#2027-01-01-server-types-removed");
    }

    @Test
    void hetzner429OnList_shouldBeRetried_andThePageServed() throws Exception {
        signInWithHetznerKey();
        int before = HETZNER.http().calls("GET /servers");
        HETZNER.http().faults().inject("GET /servers", Fault.rateLimited(1), 1);

        HttpResponse<String> list = user.get("/api/v1/vps");

        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        assertThat(HETZNER.http().calls("GET /servers")).isEqualTo(before + 2);
    }
}
