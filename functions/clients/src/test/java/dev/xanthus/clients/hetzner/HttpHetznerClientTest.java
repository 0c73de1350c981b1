package dev.xanthus.clients.hetzner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xanthus.clients.contract.OpenApiContract;
import dev.xanthus.clients.http.Json;
import dev.xanthus.clients.http.JsonHttp;
import dev.xanthus.clients.http.RetryAdvice;
import dev.xanthus.clients.http.RetryPolicy;
import dev.xanthus.clients.http.Sleeper;
import dev.xanthus.sandbox.hetzner.HetznerSimulator;
import dev.xanthus.sandbox.http.Fault;
import dev.xanthus.sandbox.ssh.SandboxServer;
import dev.xanthus.sandbox.ssh.SandboxServers;
import dev.xanthus.sandbox.ssh.SshTestClient;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client against the simulator over real HTTP, every exchange checked against the OpenAPI contract. */
@Timeout(60)
class HttpHetznerClientTest {

    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final KeyPair KEY = SshTestClient.newRsaKey();
    private static final OpenApiContract CONTRACT =
            OpenApiContract.load("/contracts/hetzner/hetzner-today.openapi30.json");
    private static final List<Duration> SLEPT = new CopyOnWriteArrayList<>();

    private static HetznerSimulator simulator;
    private static HttpHetznerClient client;

    @BeforeAll
    static void start() {
        simulator = HetznerSimulator.start(HetznerSimulator.Config.defaults()
                .withPort(0)
                .withTimings(HetznerSimulator.Timings.uniform(Duration.ofMillis(150)))
                .withSandbox(SandboxServers.Config.uniform(Duration.ofMillis(50))));
        simulator.http().onExchange(CONTRACT.recorder());
        Sleeper recording = delay -> {
            SLEPT.add(delay);
            Sleeper.SYSTEM.sleep(delay);
        };
        JsonHttp http = new JsonHttp(
                JsonHttp.newHttpClient(),
                RetryPolicy.defaults(RetryAdvice.rateLimitReset()),
                recording,
                Clock.systemUTC());
        client = new HttpHetznerClient(http, simulator.baseUri(), HetznerSimulator.DEFAULT_TOKEN);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @AfterEach
    void contractHolds() {
        simulator.http().faults().clear();
        simulator.http().resetCalls();
        SLEPT.clear();
        List<String> violations = CONTRACT.violations();
        CONTRACT.reset();
        assertThat(violations).isEmpty();
    }

    private static CreateServerRequest request(String name, Map<String, String> labels, List<String> sshKeys) {
        return new CreateServerRequest(name, "cx23", "ubuntu-24.04", "fsn1", sshKeys, "#cloud-config\n", labels, true);
    }

    @Test
    void server_shouldLiveThroughPowerCycle_andBeReachableOverSsh_untilDeleted() throws Exception {
        // given
        SshKey key =
                client.createSshKey("life-key", SshTestClient.authorizedKeyLine(KEY), Map.of("managed_by", "xanthus"));

        // when
        CreatedServer created =
                client.createServer(request("life-1", Map.of("managed_by", "xanthus"), List.of(key.name())));

        // then
        long id = created.server().id();
        assertThat(created.server().status()).isEqualTo(ServerStatus.INITIALIZING);
        assertThat(created.server().ipv4()).startsWith("203.0.113.");
        assertThat(created.rootPassword()).isNull();
        client.awaitAction(created.nextActions().get(0).id(), POLL, WAIT);
        assertThat(client.getServer(id).status()).isEqualTo(ServerStatus.RUNNING);
        SandboxServer sandbox = simulator.sandboxServer(id).orElseThrow();
        InetSocketAddress ssh = simulator.sshAddress(created.server().ipv4()).orElseThrow();
        assertThat(SshTestClient.run(ssh, sandbox.hostKeyFingerprint(), KEY, "root", "hostname"))
                .isEqualTo("life-1\n");

        client.awaitAction(client.powerOff(id).id(), POLL, WAIT);
        assertThat(client.getServer(id).status()).isEqualTo(ServerStatus.OFF);
        assertThat(SshTestClient.refused(ssh)).isTrue();

        client.awaitAction(client.powerOn(id).id(), POLL, WAIT);
        assertThat(client.getServer(id).status()).isEqualTo(ServerStatus.RUNNING);
        assertThat(SshTestClient.run(ssh, sandbox.hostKeyFingerprint(), KEY, "root", "echo up"))
                .isEqualTo("up\n");

        client.awaitAction(client.reboot(id).id(), POLL, WAIT);
        assertThat(SshTestClient.run(ssh, sandbox.hostKeyFingerprint(), KEY, "root", "echo rebooted"))
                .isEqualTo("rebooted\n");

        client.awaitAction(client.shutdown(id).id(), POLL, WAIT);
        assertThat(client.getServer(id).status()).isEqualTo(ServerStatus.OFF);

        assertThat(client.listServerActions(id))
                .extracting(Action::command)
                .contains("create_server", "start_server", "stop_server", "reboot_server", "shutdown_server");

        client.awaitAction(client.deleteServer(id).id(), POLL, WAIT);
        assertThatThrownBy(() -> client.getServer(id))
                .isInstanceOfSatisfying(HetznerException.class, error(404, HetznerException.NOT_FOUND));
        assertThat(SshTestClient.refused(ssh)).isTrue();
        assertThat(simulator.sshAddress(created.server().ipv4())).isEmpty();
    }

    @Test
    void listServers_shouldFollowEveryPage_andFilterByLabelSelector() {
        // given
        HttpHetznerClient smallPages = new HttpHetznerClient(
                new JsonHttp(
                        JsonHttp.newHttpClient(),
                        RetryPolicy.defaults(RetryAdvice.rateLimitReset()),
                        Sleeper.SYSTEM,
                        Clock.systemUTC()),
                simulator.baseUri(),
                HetznerSimulator.DEFAULT_TOKEN,
                2);
        client.createServer(request("sel-a", Map.of("managed_by", "xanthus", "purpose", "k3s-cluster"), List.of()));
        client.createServer(request("sel-b", Map.of("managed_by", "xanthus"), List.of()));
        client.createServer(request("sel-c", Map.of("managed_by", "xanthus"), List.of()));
        client.createServer(request("sel-d", Map.of("managed_by", "someone-else"), List.of()));

        // when
        List<Server> managed = smallPages.listServers("managed_by=xanthus");

        // then
        assertThat(managed).extracting(Server::name).containsExactly("sel-a", "sel-b", "sel-c");
        assertThat(simulator.http().calls("GET /servers")).isEqualTo(2);
        assertThat(smallPages.listServers("managed_by=xanthus,purpose!=k3s-cluster"))
                .extracting(Server::name)
                .containsExactly("sel-b", "sel-c");
        assertThat(smallPages.listServers("purpose")).extracting(Server::name).containsExactly("sel-a");
        assertThat(smallPages.listServers("managed_by!=xanthus"))
                .extracting(Server::name)
                .contains("sel-d")
                .doesNotContain("sel-a", "sel-b", "sel-c");
        assertThatThrownBy(() -> smallPages.listServers("a=b=c"))
                .isInstanceOfSatisfying(
                        HetznerException.class, e -> assertThat(e.code()).isEqualTo("invalid_input"));
    }

    @Test
    void catalog_shouldListLocationsTypesWithTheirAvailabilityImagesAndPricing() {
        assertThat(client.listLocations()).extracting(Location::name).contains("fsn1", "nbg1", "hel1");
        List<ServerType> types = client.listServerTypes();
        ServerType cx23 = type(types, "cx23");
        assertThat(cx23.cores()).isEqualTo(2);
        assertThat(cx23.memory()).isEqualTo(4);
        assertThat(cx23.disk()).isEqualTo(40);
        assertThat(cx23.architecture()).isEqualTo("x86");
        assertThat(cx23.prices()).extracting(Price::location).containsExactlyInAnyOrder("fsn1", "nbg1", "hel1");
        assertThat(cx23.prices().get(0).priceMonthly().gross()).isPositive();
        assertThat(cx23.offerIn("fsn1"))
                .hasValueSatisfying(o -> assertThat(o.available()).isTrue());
        assertThat(cx23.deprecationIn("fsn1")).isEmpty();
        assertThat(type(types, "cpx12").offerIn("sin"))
                .hasValueSatisfying(o -> assertThat(o.available()).isFalse());
        assertThat(type(types, "cax11").offerIn("ash")).isEmpty();
        assertThat(type(types, "cx22").deprecationIn("fsn1"))
                .hasValueSatisfying(d -> assertThat(d.unavailableAfter()).isBefore(java.time.Instant.now()));
        assertThat(client.listImages("ubuntu-24.04"))
                .extracting(Image::osVersion)
                .containsOnly("24.04");
        Pricing pricing = client.getPricing();
        assertThat(pricing.currency()).isEqualTo("EUR");
        assertThat(pricing.serverTypes())
                .extracting(Pricing.ServerTypePrices::name)
                .contains("cx23", "cpx22", "cax11");
        assertThat(pricing.primaryIps())
                .extracting(Pricing.PrimaryIpPrices::type)
                .contains("ipv4");
    }

    private static ServerType type(List<ServerType> types, String name) {
        return types.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void datacenters_shouldBeGone_likeHetznersSince2026_10() throws Exception {
        for (String path : List.of("/datacenters", "/datacenters/2")) {
            HttpResponse<String> response = raw("GET", path, null);

            assertThat(response.statusCode()).isEqualTo(410);
            assertThat(Json.MAPPER.readTree(response.body()))
                    .isEqualTo(
                            Json.MAPPER.readTree(
                                    "{\"error\":{\"code\":\"deprecated_api_endpoint\",\"message\":\"API functionality was removed\","
                                            + "\"details\":{\"announcement\":\"https://docs.hetzner.cloud/changelog#2026-06-02-datacenters-deprecated\"}}}"));
        }
    }

    @Test
    void servers_shouldHaveALocation_andNoDatacenter() throws Exception {
        long id = client.createServer(request("no-dc", Map.of(), List.of()))
                .server()
                .id();

        com.fasterxml.jackson.databind.JsonNode server =
                Json.MAPPER.readTree(raw("GET", "/servers/" + id, null).body()).path("server");

        assertThat(server.has("datacenter")).isFalse();
        assertThat(server.path("location").path("name").asText()).isEqualTo("fsn1");
        assertThat(client.getServer(id).location().name()).isEqualTo("fsn1");
    }

    @Test
    void createServer_shouldRefuseTheRemovedDatacenterField() throws Exception {
        HttpResponse<String> response = raw(
                "POST",
                "/servers",
                "{\"name\":\"dc-field\",\"server_type\":\"cx23\","
                        + "\"image\":\"ubuntu-24.04\",\"datacenter\":\"fsn1-dc14\"}");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("invalid_input").contains("datacenter");
        assertThat(client.listServers(null)).extracting(Server::name).doesNotContain("dc-field");
        // The 2026-07 contract has no datacenter property any more; the validator flags the unknown property.
        assertThat(CONTRACT.violations())
                .singleElement()
                .asString()
                .contains("POST /v1/servers")
                .contains("\"datacenter\"");
        CONTRACT.reset();
    }

    @Test
    void createServer_shouldBeResourceUnavailable_forDeprecatedOrSoldOutTypes_andInvalidWhereNotSold() {
        assertThatThrownBy(() -> client.createServer(new CreateServerRequest(
                        "old-type", "cx22", "ubuntu-24.04", "fsn1", List.of(), null, Map.of(), true)))
                .isInstanceOfSatisfying(HetznerException.class, e -> {
                    assertThat(e.status()).isEqualTo(412);
                    assertThat(e.code()).isEqualTo(HetznerException.RESOURCE_UNAVAILABLE);
                    assertThat(e.endpoint()).isEqualTo("POST /v1/servers");
                });
        assertThatThrownBy(() -> client.createServer(new CreateServerRequest(
                        "sold-out", "cpx12", "ubuntu-24.04", "sin", List.of(), null, Map.of(), true)))
                .isInstanceOfSatisfying(HetznerException.class, e -> assertThat(e.code())
                        .isEqualTo(HetznerException.RESOURCE_UNAVAILABLE));
        assertThatThrownBy(() -> client.createServer(new CreateServerRequest(
                        "no-arm-here", "cax11", "ubuntu-24.04", "ash", List.of(), null, Map.of(), true)))
                .isInstanceOfSatisfying(
                        HetznerException.class, e -> assertThat(e.fieldErrors()).containsKey("server_type"));
        assertThat(client.listServers(null))
                .extracting(Server::name)
                .doesNotContain("old-type", "sold-out", "no-arm-here");
    }

    @Test
    void actions_shouldBeReadableByIdQuery_asHcloudWaitPollsThem() throws Exception {
        CreatedServer created = client.createServer(request("wait-poll", Map.of(), List.of()));
        long first = created.action().id();
        long second = created.nextActions().get(0).id();

        com.fasterxml.jackson.databind.JsonNode listed =
                Json.MAPPER.readTree(raw("GET", "/actions?id=" + first + "&id=" + second + "&id=999999", null)
                        .body());

        assertThat(listed.path("actions").findValuesAsText("command")).containsExactly("create_server", "start_server");
        assertThat(client.getAction(first).command()).isEqualTo("create_server");
    }

    @Test
    void createServer_whoseAnswerIsLost_shouldStillHaveCreatedTheServer_findableByItsLabel() {
        simulator.http().faults().inject("POST /servers", Fault.lostResponse(), 1);

        assertThatThrownBy(() -> client.createServer(request("lost-1", Map.of("xanthus-create", "t-123"), List.of())))
                .isInstanceOf(dev.xanthus.clients.http.TransportException.class);

        assertThat(client.listServers("xanthus-create=t-123"))
                .extracting(Server::name)
                .containsExactly("lost-1");
        assertThat(simulator.http().calls("POST /servers")).isEqualTo(1);
    }

    private static HttpResponse<String> raw(String method, String path, String json) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(simulator.baseUri() + path))
                .header("Authorization", "Bearer " + HetznerSimulator.DEFAULT_TOKEN)
                .header("Accept", "application/json");
        builder = json == null
                ? builder.method(method, HttpRequest.BodyPublishers.noBody())
                : builder.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json));
        return HttpClient.newHttpClient().send(builder.build(), BodyHandlers.ofString());
    }

    @Test
    void sshKeys_shouldBeListed_andRejectDuplicates() {
        KeyPair other = SshTestClient.newRsaKey();
        SshKey created = client.createSshKey("dup-key", SshTestClient.authorizedKeyLine(other), Map.of());

        assertThat(created.fingerprint()).matches("([0-9a-f]{2}:){15}[0-9a-f]{2}");
        assertThat(client.listSshKeys()).extracting(SshKey::name).contains("dup-key");
        assertThatThrownBy(() -> client.createSshKey("dup-key-2", SshTestClient.authorizedKeyLine(other), Map.of()))
                .isInstanceOfSatisfying(
                        HetznerException.class, error(409, HetznerException.UNIQUENESS_ERROR, "public_key"));
    }

    @Test
    void createServer_shouldThrowUniquenessError_whenNameIsTaken() {
        client.createServer(request("twin", Map.of(), List.of()));

        assertThatThrownBy(() -> client.createServer(request("twin", Map.of(), List.of())))
                .isInstanceOfSatisfying(HetznerException.class, error(409, HetznerException.UNIQUENESS_ERROR, "name"));
    }

    @Test
    void createServer_shouldThrowInvalidInputWithFields_whenInputIsBad() {
        assertThatThrownBy(() -> client.createServer(request("not_a_hostname!", Map.of(), List.of())))
                .isInstanceOfSatisfying(HetznerException.class, error(422, HetznerException.INVALID_INPUT, "name"));
        assertThatThrownBy(() -> client.createServer(new CreateServerRequest(
                        "ok-name", "cx999", "ubuntu-24.04", "fsn1", List.of(), null, Map.of(), true)))
                .isInstanceOfSatisfying(
                        HetznerException.class, e -> assertThat(e.fieldErrors()).containsKey("server_type"));
        assertThatThrownBy(() -> client.createServer(new CreateServerRequest(
                        "ok-name", "cx23", "ubuntu-24.04", "mars1", List.of(), null, Map.of(), true)))
                .isInstanceOfSatisfying(
                        HetznerException.class, e -> assertThat(e.fieldErrors()).containsKey("location"));
    }

    @Test
    void anyCall_shouldThrowUnauthorized_whenTokenIsWrong() {
        HttpHetznerClient stranger = client.withToken("not-the-token");

        assertThatThrownBy(stranger::listLocations)
                .isInstanceOfSatisfying(HetznerException.class, error(401, HetznerException.UNAUTHORIZED));
    }

    @Test
    void get_shouldRetryOnce_afterTheAdvisedDelay_whenRateLimited() {
        simulator.http().faults().inject("GET /locations", Fault.rateLimited(2), 1);

        assertThat(client.listLocations()).isNotEmpty();

        assertThat(simulator.http().calls("GET /locations")).isEqualTo(2);
        assertThat(SLEPT).singleElement().satisfies(d -> assertThat(d)
                .isGreaterThan(Duration.ofMillis(900))
                .isLessThanOrEqualTo(Duration.ofSeconds(2)));
    }

    @Test
    void get_shouldRetry_whenServerFails() {
        simulator
                .http()
                .faults()
                .inject(
                        "GET /server_types",
                        Fault.status(
                                500, "{\"error\":{\"code\":\"server_error\",\"message\":\"boom\",\"details\":null}}"),
                        1);

        assertThat(client.listServerTypes()).isNotEmpty();

        assertThat(simulator.http().calls("GET /server_types")).isEqualTo(2);
    }

    @Test
    void createServer_shouldNotRetry_andThrowTyped_whenServerFails() {
        simulator
                .http()
                .faults()
                .inject(
                        "POST /servers",
                        Fault.status(
                                500, "{\"error\":{\"code\":\"server_error\",\"message\":\"boom\",\"details\":null}}"),
                        1);

        assertThatThrownBy(() -> client.createServer(request("once", Map.of(), List.of())))
                .isInstanceOfSatisfying(HetznerException.class, error(500, "server_error"));
        assertThat(simulator.http().calls("POST /servers")).isEqualTo(1);
        assertThat(client.listServers(null).stream().map(Server::name)).doesNotContain("once");
    }

    @Test
    void everyAnswer_shouldCarryRateLimitHeaders() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(simulator.baseUri() + "/locations"))
                                .header("Authorization", "Bearer wrong")
                                .build(),
                        BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("RateLimit-Limit")).contains("3600");
        assertThat(response.headers().firstValue("RateLimit-Remaining")).isPresent();
        assertThat(response.headers().firstValue("RateLimit-Reset")).isPresent();
    }

    /** Hetzner's error answer: the status and {@code error.code}. */
    private static Consumer<HetznerException> error(int status, String code) {
        return e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.code()).isEqualTo(code);
        };
    }

    /** As above, naming the invalid {@code field} in the details. */
    private static Consumer<HetznerException> error(int status, String code, String field) {
        return error(status, code).andThen(e -> assertThat(e.fieldErrors()).containsKey(field));
    }
}
