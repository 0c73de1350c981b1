package dev.xanthus.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xanthus.clients.hetzner.Server;
import dev.xanthus.core.account.AccountCsr;
import dev.xanthus.core.account.AccountKeys;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.crypto.GoTokenCipher;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.kv.KvKeys;
import dev.xanthus.core.kv.KvStore;
import dev.xanthus.core.testing.FakeCloudflare;
import dev.xanthus.core.testing.FakeHetzner;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hetzner's half of the server routes against an in-memory project: creates that cannot bill twice, labels obeyed. */
class HetznerServersTest {

    private static final AccountCsr ACCOUNT_KEY = AccountKeys.generate(Clock.systemUTC());
    private static final Map<String, String> OURS = Map.of(HetznerServers.LABEL_KEY, HetznerServers.LABEL_VALUE);

    private final FakeCloudflare cloudflare = new FakeCloudflare();
    private final FakeHetzner hetzner = new FakeHetzner();
    private final Principal principal = cloudflare.principal();
    private final ServerDirectory directory = new ServerDirectory();
    private final HetznerServers servers = new HetznerServers(
            new HetznerKeys(token -> hetzner),
            new ServerCatalog(),
            Clock.fixed(Instant.parse("2026-12-04T13:00:00Z"), ZoneOffset.UTC),
            directory);

    @BeforeEach
    void signedInWithAHetznerKey() throws Exception {
        cloudflare.putKv(KvKeys.ACCOUNT_CSR, KvStore.JSON.writeValueAsString(ACCOUNT_KEY));
        String sealed = new GoTokenCipher(principal.cloudflareToken()).encrypt("hetzner-test-key-0001");
        cloudflare.putKv(KvKeys.HETZNER_KEY, KvStore.JSON.writeValueAsString(sealed));
    }

    private static HetznerServers.CreateRequest request(String name) {
        return new HetznerServers.CreateRequest(name, FakeHetzner.LOCATION, FakeHetzner.TYPE, null);
    }

    @Test
    void create_shouldMakeALabelledServer_andStoreItsConfig() {
        ServerService.Created created = servers.create(principal, request("web-1"));

        Server made = hetzner.servers().get(0);
        assertThat(made.labels()).containsAllEntriesOf(OURS).containsKey(HetznerServers.CREATE_LABEL);
        VpsConfig config = directory.require(principal, made.id());
        assertThat(config.name()).isEqualTo("web-1");
        assertThat(config.timezone()).isEqualTo("Europe/Berlin"); // fsn1's zone when none is asked for
        assertThat(config.cores()).isEqualTo(2.0);
        assertThat(config.monthlyRate()).isEqualTo(3.79);
        assertThat(created.server().status()).isEqualTo("running");
        assertThat(hetzner.calls())
                .filteredOn(c -> c.startsWith("createSshKey"))
                .hasSize(1);

        servers.create(principal, request("web-2"));
        // the account key is found by its fingerprint the second time, not added again
        assertThat(hetzner.calls())
                .filteredOn(c -> c.startsWith("createSshKey"))
                .hasSize(1);
    }

    @Test
    void create_whoseAnswerWasLost_shouldAdoptTheServerItMade_notMakeASecond() {
        hetzner.loseNextCreateAnswer();

        ServerService.Created created = servers.create(principal, request("web-1"));

        assertThat(hetzner.servers()).singleElement().satisfies(s -> assertThat(s.id())
                .isEqualTo(created.config().serverId()));
        assertThat(hetzner.calls())
                .filteredOn(c -> c.startsWith("createServer"))
                .hasSize(1);
        assertThat(directory.find(principal, created.config().serverId())).isPresent();
    }

    @Test
    void create_withATakenName_shouldAnswerConflict_beforeCreatingAnything() {
        hetzner.addServer("web-1", Map.of());

        assertThatThrownBy(() -> servers.create(principal, request("web-1")))
                .isInstanceOfSatisfying(
                        AppException.Conflict.class, e -> assertThat(e.code()).isEqualTo("NAME_TAKEN"));
        assertThat(hetzner.calls()).noneMatch(c -> c.startsWith("createServer"));
        assertThat(cloudflare.kv().keySet()).noneMatch(KvKeys::isVpsConfig);
    }

    @Test
    void list_shouldShowOnlyXanthusServers_andOnesOnlyKvStillKnowsAsMissing() {
        hetzner.addServer("theirs", Map.of());
        Server ours = hetzner.addServer("ours", OURS);
        VpsConfig gone = new VpsConfig(
                7,
                "gone",
                "cx22",
                "fsn1",
                "203.0.113.7",
                "2026-12-01T10:00:00Z",
                null,
                "root",
                22,
                0.006,
                3.79,
                "UTC",
                VpsConfig.PROVIDER_HETZNER,
                "7",
                "x86",
                null,
                null,
                null,
                null);

        List<ServerView> views = servers.list(principal, () -> List.of(gone), List::of);

        assertThat(views)
                .extracting(ServerView::id, ServerView::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ours.id(), "running"),
                        org.assertj.core.groups.Tuple.tuple(7L, "missing"));
    }

    @Test
    void power_ofAServerWithoutTheXanthusLabel_shouldAnswerNotFound_andLeaveItAlone() {
        Server theirs = hetzner.addServer("theirs", Map.of());

        assertThatThrownBy(() -> servers.power(principal, theirs.id(), java.util.Optional.empty(), "off"))
                .isInstanceOfSatisfying(
                        AppException.NotFound.class, e -> assertThat(e.code()).isEqualTo("VPS_NOT_FOUND"));
        assertThat(hetzner.calls()).noneMatch(c -> c.startsWith("stop_server"));
    }
}
