package dev.xanthus.clients.hetzner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.xanthus.clients.http.JsonHttp;
import dev.xanthus.clients.http.RetryAdvice;
import dev.xanthus.sandbox.http.ProviderErrors;
import dev.xanthus.sandbox.http.SimResponse;
import dev.xanthus.sandbox.http.SimServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every genuine Hetzner example body, served over HTTP with its documented status, read through the client. */
@Timeout(30)
class HetznerExamplesTest {

    private static SimServer server;
    private static HttpHetznerClient client;

    @BeforeAll
    static void start() {
        server = new SimServer("/v1", new ProviderErrors() {
            @Override
            public SimResponse noRoute() {
                return SimResponse.raw(404, "application/json", new byte[0]);
            }

            @Override
            public SimResponse badRequest(String message) {
                return noRoute();
            }

            @Override
            public SimResponse internalError() {
                return noRoute();
            }

            @Override
            public SimResponse rateLimited(long retryAfterSeconds) {
                return noRoute();
            }
        });
        serve("POST", "/servers", 201, "hz-create-server");
        serve("GET", "/servers/{id}", 200, "hz-get-server");
        serve("POST", "/servers/{id}/actions/poweron", 201, "hz-poweron-action");
        serve("GET", "/server_types", 200, "hz-list-server-types");
        serve("GET", "/servers/{id}/actions", 200, "hz-list-server-actions");
        serve("GET", "/locations", 200, "hz-list-locations");
        serve("GET", "/servers", 200, "hz-list-servers-empty");
        serve("POST", "/ssh_keys", 409, "hz-error-uniqueness");
        serve("GET", "/pricing", 401, "hz-error-unauthorized");
        serve("DELETE", "/servers/{id}", 422, "hz-error-invalid-input");
        // The 410 Hetzner's /datacenters answers since 2026-10-01, as if another endpoint were removed the same way.
        serve("GET", "/images", 410, "/contracts/hetzner/examples/hz-error-datacenters-removed");
        server.start("127.0.0.1", 0);
        client =
                new HttpHetznerClient(JsonHttp.create(RetryAdvice.rateLimitReset()), server.baseUri(), "example-token");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void serve(String method, String template, int status, String example) {
        byte[] body = example(example);
        server.route(method, template, request -> SimResponse.raw(status, "application/json", body));
    }

    private static byte[] example(String name) {
        String path = name.startsWith("/") ? name + ".json" : "/contracts/examples/" + name + ".json";
        try (InputStream in = HetznerExamplesTest.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void createServer_shouldReadServerActionsAndPassword_fromSpecExample() {
        CreatedServer created = client.createServer(
                new CreateServerRequest("my-server", "cpx22", "ubuntu-24.04", "fsn1", List.of(), null, Map.of(), true));

        assertThat(created.server().id()).isEqualTo(42);
        assertThat(created.server().status()).isEqualTo(ServerStatus.INITIALIZING);
        assertThat(created.server().ipv4()).isEqualTo("1.2.3.4");
        assertThat(created.server().location().name()).isEqualTo("fsn1");
        assertThat(created.action().command()).isEqualTo("create_server");
        assertThat(created.nextActions()).extracting(Action::command).containsExactly("start_server");
        assertThat(created.rootPassword()).isEqualTo("YItygq1v3GYjjMomLaKc");
        assertThat(created.toString()).doesNotContain("YItygq1v3GYjjMomLaKc");
    }

    @Test
    void getServer_shouldReadLiveCapture() {
        Server server = client.getServer(115493226);

        assertThat(server.name()).isEqualTo("test1");
        assertThat(server.status()).isEqualTo(ServerStatus.RUNNING);
        assertThat(server.ipv4()).isEqualTo("46.62.147.153");
        assertThat(server.serverType().name()).isEqualTo("cx22");
        assertThat(server.serverType().prices()).hasSize(3);
        assertThat(server.image().name()).isEqualTo("debian-13");
        assertThat(server.location().name()).isEqualTo("hel1");
    }

    @Test
    void powerOn_shouldReadRunningAction() {
        Action action = client.powerOn(42);

        assertThat(action.id()).isEqualTo(13);
        assertThat(action.status()).isEqualTo(ActionStatus.RUNNING);
        assertThat(action.resources()).containsExactly(new Action.Resource(42, "server"));
        assertThat(action.finished()).isNull();
    }

    @Test
    void listServerActions_shouldReadFinishedActionWithError() {
        List<Action> actions = client.listServerActions(42);

        assertThat(actions).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(ActionStatus.SUCCESS);
            assertThat(a.progress()).isEqualTo(100);
            assertThat(a.error()).isEqualTo(new Action.Error("action_failed", "Action failed"));
        });
    }

    @Test
    void lists_shouldReadTypesLocationsAndEmptyServers() {
        List<ServerType> types = client.listServerTypes();
        assertThat(types).extracting(ServerType::name).containsExactly("cx11", "cx21");
        assertThat(types.get(1).prices()).extracting(Price::location).containsExactly("fsn1", "nbg1");
        assertThat(types.get(1).prices().get(0).priceMonthly().net()).isEqualByComparingTo("4.9");

        assertThat(client.listLocations())
                .extracting(Location::name, Location::networkZone)
                .containsExactly(tuple("fsn1", "eu-central"), tuple("nbg1", "eu-central"));
        assertThat(client.listServers("managed_by=xanthus")).isEmpty();
    }

    @Test
    void errors_shouldBecomeTypedExceptions() {
        assertThatThrownBy(() -> client.createSshKey("k", "ssh-ed25519 AAAA", Map.of()))
                .isInstanceOfSatisfying(HetznerException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo(HetznerException.UNIQUENESS_ERROR);
                    assertThat(e.fieldErrors()).containsOnlyKeys("public_key");
                });
        assertThatThrownBy(client::getPricing).isInstanceOfSatisfying(HetznerException.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.code()).isEqualTo(HetznerException.UNAUTHORIZED);
            assertThat(e.details()).isEmpty();
        });
        assertThatThrownBy(() -> client.listImages("ubuntu-24.04"))
                .isInstanceOfSatisfying(HetznerException.class, e -> {
                    assertThat(e.status()).isEqualTo(410);
                    assertThat(e.code()).isEqualTo(HetznerException.DEPRECATED_API_ENDPOINT);
                    assertThat(e.endpoint()).isEqualTo("GET /v1/images");
                    assertThat(e.details())
                            .containsEntry(
                                    "announcement",
                                    "https://docs.hetzner.cloud/changelog#2026-06-02-datacenters-deprecated");
                });
        assertThatThrownBy(() -> client.deleteServer(1)).isInstanceOfSatisfying(HetznerException.class, e -> {
            assertThat(e.code()).isEqualTo(HetznerException.INVALID_INPUT);
            assertThat(e.fieldErrors()).containsEntry("broken_field", List.of("is too long"));
        });
    }
}
