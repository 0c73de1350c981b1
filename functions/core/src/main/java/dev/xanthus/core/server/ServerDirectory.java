package dev.xanthus.core.server;

import dev.xanthus.core.account.AccountCsr;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.kv.KvKeys;
import dev.xanthus.core.kv.KvStore;
import dev.xanthus.core.upstream.Upstreams;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The servers the user's KV knows ({@code vps:<id>:config}), the apps that run on them ({@code app:<id>}) and the
 * account key that reaches them ({@code config:ssl:csr}): the one way every service reads and writes them, so the
 * keys ({@link KvKeys}) and the answers for a missing or unreadable one are the same everywhere.
 */
public final class ServerDirectory {

    /** A server's KV config, if it has one; 422 when it does not decode. */
    public Optional<VpsConfig> find(Principal principal, long id) {
        try {
            return Upstreams.cloudflare(() -> principal.kv().get(KvKeys.vpsConfig(id), VpsConfig.class));
        } catch (KvStore.KvFormatException e) {
            throw new AppException.Unprocessable(
                    "VPS_CONFIG_UNREADABLE",
                    "The stored configuration of server " + id + " is not in the expected format.",
                    Map.of());
        }
    }

    /** A server's KV config; 404 {@code VPS_NOT_FOUND} when there is none. */
    public VpsConfig require(Principal principal, long id) {
        return find(principal, id).orElseThrow(() -> notFound(id));
    }

    /** Every server config in KV (the ones that decode): one listing and bulk reads. */
    public List<VpsConfig> all(Principal principal) {
        return List.copyOf(Upstreams.cloudflare(
                        () -> principal.kv().getAllUnder(KvKeys.VPS_PREFIX, KvKeys::isVpsConfig, VpsConfig.class))
                .values());
    }

    /** Stores (or replaces) a server's KV config. */
    public void save(Principal principal, VpsConfig config) {
        Upstreams.cloudflareRun(() -> principal.kv().put(KvKeys.vpsConfig(config.serverId()), config));
    }

    /** Deletes a server's KV config (a missing one is fine); answers the key it deleted. */
    public String forget(Principal principal, long id) {
        String key = KvKeys.vpsConfig(id);
        Upstreams.cloudflareRun(() -> principal.kv().delete(key));
        return key;
    }

    /** Every app record in KV ({@code app:<id>}, not its satellites), as far as servers care. */
    public List<AppRecord> apps(Principal principal) {
        return List.copyOf(Upstreams.cloudflare(
                        () -> principal.kv().getAllUnder(KvKeys.APP_PREFIX, KvKeys::isApp, AppRecord.class))
                .values());
    }

    /** The account's SSH key (the key of {@code config:ssl:csr}); 409 when sign-in has not created it. */
    public AccountSshKey accountKey(Principal principal) {
        AccountCsr csr = Upstreams.cloudflare(() -> principal.kv().get(KvKeys.ACCOUNT_CSR, AccountCsr.class))
                .orElseThrow(() -> AppException.conflict(
                        "ACCOUNT_KEY_MISSING",
                        "The account key (config:ssl:csr) is missing; sign in again to create it."));
        return AccountSshKey.from(csr);
    }

    /** The account's public SSH key as users paste it into {@code authorized_keys}. */
    public String publicKey(Principal principal) {
        return accountKey(principal).publicKeyLine() + " xanthus";
    }

    /** The account's private SSH key, PEM, for the user's own terminal. */
    public String privateKeyPem(Principal principal) {
        return accountKey(principal).privateKeyPem();
    }

    /** 404 {@code VPS_NOT_FOUND}: the one answer for a server neither KV nor its provider knows. */
    static AppException.NotFound notFound(long id) {
        return AppException.notFound("VPS_NOT_FOUND", "No Xanthus server " + id + ".");
    }
}
