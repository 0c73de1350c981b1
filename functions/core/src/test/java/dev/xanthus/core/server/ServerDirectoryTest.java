package dev.xanthus.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xanthus.core.account.AccountKeys;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.kv.KvKeys;
import dev.xanthus.core.kv.KvStore;
import dev.xanthus.core.testing.FakeCloudflare;
import dev.xanthus.core.testing.ServerConfigs;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The one way services read and write servers, apps and the account key in the user's KV. */
class ServerDirectoryTest {

    private final FakeCloudflare cloudflare = new FakeCloudflare();
    private final Principal principal = cloudflare.principal();
    private final ServerDirectory directory = new ServerDirectory();

    @Test
    void require_ofAServerKvDoesNotKnow_shouldAnswerVpsNotFound() {
        assertThat(directory.find(principal, 7)).isEmpty();
        assertThatThrownBy(() -> directory.require(principal, 7))
                .isInstanceOfSatisfying(AppException.NotFound.class, e -> {
                    assertThat(e.code()).isEqualTo("VPS_NOT_FOUND");
                    assertThat(e.status()).isEqualTo(404);
                });
    }

    @Test
    void find_ofAConfigThatDoesNotDecode_shouldAnswerUnprocessable_notAServerError() {
        cloudflare.putKv("vps:7:config", "[\"not a config\"]");

        assertThatThrownBy(() -> directory.find(principal, 7))
                .isInstanceOfSatisfying(AppException.Unprocessable.class, e -> assertThat(e.code())
                        .isEqualTo("VPS_CONFIG_UNREADABLE"));
    }

    @Test
    void save_shouldStoreTheConfigUnderItsGoKey_andAllShouldListOnlyConfigs() throws Exception {
        directory.save(principal, ServerConfigs.hetzner(42, "web", "203.0.113.4"));
        cloudflare.putKv("vps:42:notes", "{\"server_id\":99}");

        String stored = cloudflare.kv().get("vps:42:config");
        assertThat(KvStore.JSON.readTree(stored).path("server_id").asLong()).isEqualTo(42);
        assertThat(KvStore.JSON.readTree(stored).path("public_ipv4").asText()).isEqualTo("203.0.113.4");
        assertThat(directory.all(principal)).extracting(VpsConfig::serverId).containsExactly(42L);
        assertThat(directory.require(principal, 42).name()).isEqualTo("web");

        assertThat(directory.forget(principal, 42)).isEqualTo("vps:42:config");
        assertThat(cloudflare.kv()).doesNotContainKey("vps:42:config");
    }

    @Test
    void apps_shouldListTheAppRecords_notTheirPasswordsOrPortForwards() {
        cloudflare.putKv(KvKeys.app("app-1"), "{\"id\":\"app-1\",\"vps_id\":\"42\"}");
        cloudflare.putKv(KvKeys.appPassword("app-1"), "{\"password\":\"sealed\"}");
        cloudflare.putKv(KvKeys.appPortForwards("app-1"), "[]");
        cloudflare.putKv(KvKeys.app("app-2"), "{\"id\":\"app-2\",\"vps_id\":\"43\"}");

        assertThat(directory.apps(principal)).extracting(AppRecord::id).containsExactly("app-1", "app-2");
        assertThat(directory.apps(principal)).filteredOn(a -> a.runsOn(42)).hasSize(1);
    }

    @Test
    void accountKey_beforeSignInMadeIt_shouldAnswerConflict_andAfterwardsGiveTheSshKey() throws Exception {
        assertThatThrownBy(() -> directory.accountKey(principal))
                .isInstanceOfSatisfying(
                        AppException.Conflict.class, e -> assertThat(e.code()).isEqualTo("ACCOUNT_KEY_MISSING"));

        cloudflare.putKv(KvKeys.ACCOUNT_CSR, KvStore.JSON.writeValueAsString(AccountKeys.generate(Clock.systemUTC())));

        assertThat(directory.publicKey(principal)).startsWith("ssh-rsa AAAA").endsWith(" xanthus");
        assertThat(directory.privateKeyPem(principal)).contains("PRIVATE KEY");
    }
}
