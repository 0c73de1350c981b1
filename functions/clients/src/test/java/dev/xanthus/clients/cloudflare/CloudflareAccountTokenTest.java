package dev.xanthus.clients.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xanthus.sandbox.cloudflare.CloudflareSimConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An account-owned API token against the simulator, through the client, as Cloudflare answers such tokens. */
class CloudflareAccountTokenTest {

    private static final String OTHER_ACCOUNT = "5a4db0c0000000000000000000000002";

    @RegisterExtension
    final CloudflareSandbox sandbox = new CloudflareSandbox(config -> config.withAccounts(List.of(
            new CloudflareSimConfig.Account(CloudflareSimConfig.SANDBOX_ACCOUNT_ID, "Sandbox account"),
            new CloudflareSimConfig.Account(OTHER_ACCOUNT, "Other account"))));

    private CloudflareClient accountToken() {
        return sandbox.client(CloudflareSimConfig.SANDBOX_ACCOUNT_TOKEN);
    }

    @Test
    void verify_shouldBeActiveAtItsAccount_andRefusedAtTheUserEndpoint() {
        assertThat(accountToken().verifyAccountToken(sandbox.accountId()).isActive())
                .isTrue();
        assertThatThrownBy(() -> accountToken().verifyToken()).isInstanceOfSatisfying(CloudflareException.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.codes()).containsExactly(1000);
            assertThat(e.kind()).isEqualTo(CloudflareException.Kind.UNAUTHORIZED);
        });
        assertThatThrownBy(() -> accountToken().verifyAccountToken(OTHER_ACCOUNT))
                .isInstanceOfSatisfying(
                        CloudflareException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void accountToken_shouldSeeOnlyItsAccount_andHaveNoUser() {
        assertThat(accountToken().listAccounts()).extracting(Account::id).containsExactly(sandbox.accountId());
        assertThat(sandbox.client().listAccounts()).hasSize(2);
        assertThatThrownBy(() -> accountToken().getUser()).isInstanceOfSatisfying(CloudflareException.class, e -> {
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.codes()).containsExactly(9109);
        });
    }

    @Test
    void accountToken_shouldUseKvOfItsAccount_butNotOfAnother() {
        String ns =
                accountToken().createKvNamespace(sandbox.accountId(), "Xanthus").id();
        accountToken().putKvString(sandbox.accountId(), ns, "k", "v");

        assertThat(accountToken().getKvStrings(sandbox.accountId(), ns, List.of("k")))
                .containsEntry("k", "v");
        assertThatThrownBy(() -> accountToken().listKvNamespaces(OTHER_ACCOUNT))
                .isInstanceOfSatisfying(CloudflareException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.codes()).containsExactly(10000);
                });
    }

    @Test
    void revokedAccountToken_shouldBeRefusedEverywhere() {
        sandbox.simulator().revokeToken(CloudflareSimConfig.SANDBOX_ACCOUNT_TOKEN);

        assertThatThrownBy(() -> accountToken().verifyAccountToken(sandbox.accountId()))
                .isInstanceOfSatisfying(
                        CloudflareException.class, e -> assertThat(e.codes()).containsExactly(1000));
    }
}
