package dev.xanthus.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.kv.KvKeys;
import dev.xanthus.core.testing.FakeCloudflare;
import dev.xanthus.core.testing.FakeServerProvider;
import dev.xanthus.core.testing.ServerConfigs;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Routing a server's routes to its cloud, listing across clouds, and what a delete takes with it. */
class ServerServiceTest {

    private final FakeCloudflare cloudflare = new FakeCloudflare();
    private final Principal principal = cloudflare.principal();
    private final ServerDirectory directory = new ServerDirectory();
    private final FakeServerProvider hetzner = new FakeServerProvider(ServerView.HETZNER, VpsConfig.PROVIDER_HETZNER);
    private final FakeServerProvider oci = new FakeServerProvider(ServerView.OCI, VpsConfig.PROVIDER_OCI);

    /** No app in these tests has a domain, so the clean-up never needs Cloudflare DNS (nor the auth behind it). */
    private ServerService service() {
        return new ServerService(List.of(hetzner, oci), new ServerCleanup(null), directory);
    }

    @Test
    void get_shouldGoToTheCloudTheConfigNames() {
        directory.save(principal, ServerConfigs.oci(5, "arm", "198.18.0.5"));
        oci.run(5, "arm", "198.18.0.5");
        cloudflare.putKv(KvKeys.app("app-1"), "{\"id\":\"app-1\",\"vps_id\":\"5\"}");

        ServerView view = service().get(principal, 5);

        assertThat(view.provider()).isEqualTo(ServerView.OCI);
        assertThat(view.appCount()).isEqualTo(1);
        assertThat(view.configInKv()).isTrue();
        assertThat(hetzner.calls()).isEmpty();
    }

    @Test
    void get_ofAServerNeitherKvNorACloudKnows_shouldAnswerVpsNotFound() {
        assertThatThrownBy(() -> service().get(principal, 9))
                .isInstanceOfSatisfying(
                        AppException.NotFound.class, e -> assertThat(e.code()).isEqualTo("VPS_NOT_FOUND"));
        // without a config only Hetzner can have it: its servers carry their own label
        assertThat(hetzner.calls()).containsExactly("get 9");
        assertThat(oci.calls()).isEmpty();
    }

    @Test
    void power_withAnUnknownAction_shouldBeRefusedBeforeAnyCloudIsAsked() {
        hetzner.run(3, "web", "203.0.113.3");

        assertThatThrownBy(() -> service().power(principal, 3, "explode"))
                .isInstanceOfSatisfying(
                        AppException.BadRequest.class, e -> assertThat(e.code()).isEqualTo("INVALID_ACTION"));
        assertThat(hetzner.calls()).isEmpty();

        service().power(principal, 3, "reboot");
        assertThat(hetzner.calls()).containsExactly("power 3 reboot");
    }

    @Test
    void list_withNothingListed_andNoCloudWithCredentials_shouldSayWhichKeyIsMissing() {
        hetzner.withoutCredentials();
        oci.withoutCredentials();

        assertThatThrownBy(() -> service().list(principal))
                .isInstanceOfSatisfying(
                        AppException.Conflict.class, e -> assertThat(e.code()).isEqualTo("HETZNER_KEY_REQUIRED"));
    }

    @Test
    void list_whenAnotherCloudHasCredentials_shouldBeEmptyRatherThanAnError() {
        hetzner.withoutCredentials();

        assertThat(service().list(principal)).isEmpty();
    }

    @Test
    void list_shouldMergeEveryCloudWithTheConfigsEachManages() {
        hetzner.run(1, "web", "203.0.113.1");
        directory.save(principal, ServerConfigs.hetzner(2, "gone", "203.0.113.2"));
        directory.save(principal, ServerConfigs.oci(5, "arm", "198.18.0.5"));

        assertThat(service().list(principal))
                .extracting(ServerView::id, ServerView::status, ServerView::provider)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(1L, "running", ServerView.HETZNER),
                        org.assertj.core.groups.Tuple.tuple(2L, "missing", ServerView.HETZNER),
                        org.assertj.core.groups.Tuple.tuple(5L, "missing", ServerView.OCI));
    }

    @Test
    void delete_shouldTakeTheServersAppsAndConfig_andLeaveOtherServersApps() {
        hetzner.run(5, "web", "203.0.113.5");
        directory.save(principal, ServerConfigs.hetzner(5, "web", "203.0.113.5"));
        cloudflare.putKv(KvKeys.app("app-1"), "{\"id\":\"app-1\",\"vps_id\":\"5\"}");
        cloudflare.putKv(KvKeys.appPassword("app-1"), "{\"password\":\"sealed\"}");
        cloudflare.putKv(KvKeys.app("app-2"), "{\"id\":\"app-2\",\"vps_id\":\"6\"}");

        ServerService.Deleted deleted = service().delete(principal, 5);

        assertThat(deleted.serverDeleted()).isTrue();
        assertThat(deleted.configDeleted()).isTrue();
        assertThat(deleted.appsDeleted()).containsExactly("app-1");
        assertThat(deleted.kvKeysDeleted()).contains(KvKeys.app("app-1"), KvKeys.appPassword("app-1"), "vps:5:config");
        assertThat(cloudflare.kv()).containsOnlyKeys(KvKeys.app("app-2"));
        assertThat(hetzner.runs(5)).isFalse();
    }
}
