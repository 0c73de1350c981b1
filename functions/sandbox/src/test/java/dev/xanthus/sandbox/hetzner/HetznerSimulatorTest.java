package dev.xanthus.sandbox.hetzner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xanthus.sandbox.http.Fault;
import dev.xanthus.sandbox.http.SimJson;
import dev.xanthus.sandbox.ssh.SandboxServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The simulator's Hetzner of today over raw HTTP: removed endpoints, the line-up's rules, the admin counters. */
@Timeout(60)
class HetznerSimulatorTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static HetznerSimulator sim;

    @BeforeAll
    static void start() {
        sim = HetznerSimulator.start(HetznerSimulator.Config.defaults()
                .withPort(0)
                .withTimings(HetznerSimulator.Timings.uniform(Duration.ofMillis(50)))
                .withSandbox(SandboxServers.Config.uniform(Duration.ofMillis(50))));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.baseUri() + path))
                .header("Authorization", "Bearer " + HetznerSimulator.DEFAULT_TOKEN);
        request = body == null
                ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> sendAs(String token, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.baseUri() + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
        return HTTP.send(
                request.method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aReadOnlyToken_shouldRead_butGetTokenReadonlyOnAWrite_evenAnInvalidOne() throws Exception {
        String readOnly = "read_only_token_for_the_sim";
        sim.addReadOnlyToken(readOnly);
        String invalidKey = "{\"name\":\"probe\",\"public_key\":\"not a key\"}";

        assertThat(sendAs(readOnly, "GET", "/locations", null).statusCode()).isEqualTo(200);
        HttpResponse<String> write = sendAs(readOnly, "POST", "/ssh_keys", invalidKey);
        HttpResponse<String> readWrite = sendAs(HetznerSimulator.DEFAULT_TOKEN, "POST", "/ssh_keys", invalidKey);

        assertThat(write.statusCode()).isEqualTo(401);
        assertThat(SimJson.MAPPER
                        .readTree(write.body())
                        .path("error")
                        .path("code")
                        .asText())
                .isEqualTo("token_readonly");
        assertThat(SimJson.MAPPER
                        .readTree(readWrite.body())
                        .path("error")
                        .path("code")
                        .asText())
                .isEqualTo("invalid_input");
        assertThat(sendAs("unknown_token", "POST", "/ssh_keys", invalidKey).statusCode())
                .isEqualTo(401);
    }

    @Test
    void datacenters_shouldAnswerHetznersGoneBody_andBeCounted() throws Exception {
        int before = sim.http().calls("GET /datacenters");

        HttpResponse<String> gone = send("GET", "/datacenters", null);

        assertThat(gone.statusCode()).isEqualTo(410);
        JsonNode error = SimJson.MAPPER.readTree(gone.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("deprecated_api_endpoint");
        assertThat(error.path("message").asText()).isEqualTo("API functionality was removed");
        assertThat(error.path("details").path("announcement").asText()).isEqualTo(HetznerSimulator.DATACENTERS_REMOVED);
        assertThat(send("GET", "/datacenters/4", null).statusCode()).isEqualTo(410);
        JsonNode calls = SimJson.MAPPER.readTree(HTTP.send(
                        HttpRequest.newBuilder(sim.baseUri().resolve("/__admin/calls"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        assertThat(calls.path("GET /datacenters").asInt()).isEqualTo(before + 1);
    }

    @Test
    void everyType_shouldCarryCapacity_andAPriceWhereverItIsListed() throws Exception {
        JsonNode types = SimJson.MAPPER
                .readTree(send("GET", "/server_types?per_page=50", null).body())
                .path("server_types");

        Set<String> names = new HashSet<>();
        for (JsonNode type : types) {
            names.add(type.path("name").asText());
            assertThat(type.path("cores").asDouble()).isPositive();
            assertThat(type.path("memory").asDouble()).isPositive();
            assertThat(type.path("disk").asDouble()).isPositive();
            Set<String> priced = new HashSet<>();
            type.path("prices").forEach(p -> priced.add(p.path("location").asText()));
            for (JsonNode location : type.path("locations")) {
                assertThat(priced)
                        .as(type.path("name") + " in " + location.path("name"))
                        .contains(location.path("name").asText());
                assertThat(location.has("available") && location.has("recommended") && location.has("deprecation"))
                        .isTrue();
            }
            assertThat(type.path("deprecated").asBoolean())
                    .isEqualTo(!type.path("deprecation").isNull());
        }
        assertThat(names)
                .contains(
                        "cx23", "cx33", "cx43", "cx53", "cpx12", "cpx22", "cpx32", "cax11", "cax41", "ccx13", "cx22",
                        "cpx11", "cpx21");
    }

    @Test
    void create_shouldTakeLocation_refuseDatacenter_andRefuseRetiredOrSoldOutTypes() throws Exception {
        String base = "{\"image\":\"ubuntu-24.04\",\"name\":\"%s\",\"server_type\":\"%s\",\"location\":\"%s\"}";

        HttpResponse<String> made = send("POST", "/servers", base.formatted("made", "cpx22", "ash"));
        HttpResponse<String> withDc = send(
                "POST",
                "/servers",
                "{\"image\":\"ubuntu-24.04\",\"name\":\"dc\",\"server_type\":\"cx23\",\"datacenter\":\"fsn1-dc14\"}");
        HttpResponse<String> retired = send("POST", "/servers", base.formatted("retired", "cx22", "fsn1"));
        HttpResponse<String> soldOut = send("POST", "/servers", base.formatted("sold-out", "cpx12", "sin"));

        assertThat(made.statusCode()).isEqualTo(201);
        JsonNode server = SimJson.MAPPER.readTree(made.body()).path("server");
        assertThat(server.has("datacenter")).isFalse();
        assertThat(server.path("location").path("name").asText()).isEqualTo("ash");
        assertThat(withDc.statusCode()).isEqualTo(422);
        assertThat(withDc.body()).contains("invalid_input").contains("datacenter");
        assertThat(retired.statusCode()).isEqualTo(412);
        assertThat(retired.body()).contains("resource_unavailable");
        assertThat(soldOut.statusCode()).isEqualTo(412);
        long action =
                SimJson.MAPPER.readTree(made.body()).path("action").path("id").asLong();
        JsonNode polled = SimJson.MAPPER.readTree(
                send("GET", "/actions?id=" + action, null).body());
        assertThat(polled.path("actions").get(0).path("command").asText()).isEqualTo("create_server");
        assertThat(polled.has("meta")).isFalse();
    }

    @Test
    void aLostResponse_shouldStillCreate() throws Exception {
        sim.http().faults().inject("POST /servers", Fault.lostResponse(), 1);
        String body = "{\"image\":\"ubuntu-24.04\",\"name\":\"lost\",\"server_type\":\"cx23\",\"location\":\"fsn1\","
                + "\"labels\":{\"xanthus-create\":\"abc\"}}";

        boolean answered;
        try {
            send("POST", "/servers", body);
            answered = true;
        } catch (java.io.IOException e) {
            answered = false;
        }

        assertThat(answered).isFalse();
        JsonNode found = SimJson.MAPPER.readTree(send("GET", "/servers?label_selector=xanthus-create%3Dabc", null)
                .body());
        assertThat(found.path("servers")).hasSize(1);
        assertThat(Instant.parse(found.path("servers").get(0).path("created").asText()))
                .isBeforeOrEqualTo(Instant.now());
    }

    @Test
    void sort_shouldOrderByTheGivenFieldsInTurn_andRefuseOthers() throws Exception {
        JsonNode images = SimJson.MAPPER
                .readTree(
                        send("GET", "/images?sort=name:desc&sort=id:asc", null).body())
                .path("images");
        HttpResponse<String> unknown = send("GET", "/images?sort=size", null);

        assertThat(images.get(0).path("name").asText()).isEqualTo("ubuntu-24.04");
        assertThat(images.get(0).path("id").asLong())
                .isLessThan(images.get(1).path("id").asLong());
        assertThat(images.get(images.size() - 1).path("name").asText()).isEqualTo("debian-12");
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(unknown.body()).contains("invalid_input").contains("sort");
    }

    @Test
    void sshKeyDelete_shouldAnswer204WithoutBody_andThenNotFound() throws Exception {
        String key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFwsSQHHBTnbTc74viL1jWYdZZySU+dFNxp+1OtnW+k2 raw";
        long id = SimJson.MAPPER
                .readTree(send("POST", "/ssh_keys", "{\"name\":\"raw\",\"public_key\":\"" + key + "\"}")
                        .body())
                .path("ssh_key")
                .path("id")
                .asLong();

        HttpResponse<String> deleted = send("DELETE", "/ssh_keys/" + id, null);

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(send("GET", "/ssh_keys/" + id, null).statusCode()).isEqualTo(404);
    }
}
