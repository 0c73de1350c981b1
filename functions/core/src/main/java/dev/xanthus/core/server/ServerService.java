package dev.xanthus.core.server;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.kv.KvKeys;
import dev.xanthus.core.kv.KvStore;
import dev.xanthus.core.upstream.Upstreams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Xanthus servers on every provider: one KV listing for configs and apps, then each provider with credentials lists
 * its own servers side by side. A single server's routes go to the provider its KV config names (Hetzner when there
 * is no config: Hetzner servers carry their own label). Deleting removes the server's apps and their DNS records
 * first, whichever cloud it runs on.
 */
public final class ServerService {

    private final List<ServerProvider> providers;
    private final ServerProvider fallback;
    private final ServerCleanup cleanup;
    private final ServerDirectory directory;

    /** {@code providers} in listing order; the first is the one for servers without a KV config. */
    public ServerService(List<ServerProvider> providers, ServerCleanup cleanup, ServerDirectory directory) {
        this.providers = List.copyOf(providers);
        this.fallback = providers.get(0);
        this.cleanup = cleanup;
        this.directory = directory;
    }

    /** A created server and the KV config written for it. */
    public record Created(ServerView server, VpsConfig config) {}

    /** What a delete removed. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Deleted(
            long id,
            boolean serverDeleted,
            boolean configDeleted,
            List<String> appsDeleted,
            List<String> dnsRecordsDeleted,
            List<String> kvKeysDeleted,
            List<String> networkDeleted,
            String cleanupJobId) {}

    /**
     * Every Xanthus server: each provider's listing runs side by side with one KV listing and bounded parallel KV
     * reads. A provider without usable credentials and without servers in KV is left out; the list answers 409 only
     * when it finds nothing and no provider has credentials.
     */
    public List<ServerView> list(Principal principal) {
        KvStore kv = principal.kv();
        // One key listing, then the apps and the server configs in one bulk read (two Cloudflare calls for up to 100
        // records), decoded by kind.
        CompletableFuture<Map<String, String>> records = Upstreams.async(() -> Upstreams.cloudflare(() -> {
            List<String> keys = kv.keys(null).stream()
                    .filter(k -> KvKeys.isApp(k) || KvKeys.isVpsConfig(k))
                    .toList();
            return kv.getAllRaw(keys);
        }));
        CompletableFuture<List<AppRecord>> appsRead = records.thenApply(raw -> List.copyOf(
                KvStore.decodeAll(only(raw, KvKeys::isApp), AppRecord.class).values()));
        CompletableFuture<List<VpsConfig>> configsRead =
                records.thenApply(raw -> List.copyOf(KvStore.decodeAll(only(raw, KvKeys::isVpsConfig), VpsConfig.class)
                        .values()));
        List<CompletableFuture<List<ServerView>>> listings = providers.stream()
                .map(p -> Upstreams.async(() -> p.list(
                        principal,
                        () -> Upstreams.join(configsRead).stream()
                                .filter(p::manages)
                                .toList(),
                        () -> Upstreams.join(appsRead))))
                .toList();
        List<ServerView> views = new ArrayList<>();
        List<AppException.Conflict> unusable = new ArrayList<>();
        List<ServerProvider> answered = new ArrayList<>();
        for (int i = 0; i < providers.size(); i++) {
            try {
                views.addAll(Upstreams.join(listings.get(i)));
                answered.add(providers.get(i));
            } catch (AppException.Conflict e) {
                if (!e.code().endsWith("_REQUIRED") && !e.code().endsWith("_UNREADABLE")) {
                    throw e;
                }
                unusable.add(e);
            }
        }
        // Nothing listed and a provider without usable credentials: say why, unless another provider has credentials
        // (then the account simply has no servers yet). Preferring "unreadable" (actionable) over "required".
        if (!unusable.isEmpty() && views.isEmpty() && answered.stream().noneMatch(p -> p.hasCredentials(principal))) {
            throw unusable.stream()
                    .filter(e -> e.code().endsWith("_UNREADABLE"))
                    .findFirst()
                    .orElse(unusable.get(0));
        }
        return views;
    }

    private static Map<String, String> only(Map<String, String> raw, java.util.function.Predicate<String> keep) {
        Map<String, String> kept = new java.util.LinkedHashMap<>();
        raw.forEach((key, value) -> {
            if (keep.test(key)) {
                kept.put(key, value);
            }
        });
        return kept;
    }

    /** Creates a server on the cloud the spec names. */
    public Created create(Principal principal, ServerSpec spec) {
        return providers.stream()
                .filter(p -> p.name().equals(spec.provider()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no provider " + spec.provider()))
                .create(principal, spec);
    }

    public ServerView get(Principal principal, long id) {
        Optional<VpsConfig> config = directory.find(principal, id);
        return providerOf(config)
                .get(principal, id, config, directory.apps(principal))
                .orElseThrow(() -> ServerDirectory.notFound(id));
    }

    public Deleted delete(Principal principal, long id) {
        Optional<VpsConfig> config = directory.find(principal, id);
        ServerProvider provider = providerOf(config);
        ServerView live =
                provider.get(principal, id, config, List.of()).orElseThrow(() -> ServerDirectory.notFound(id));
        ServerCleanup.Removed removed = cleanup.removeAppsOf(principal, id, live.ipv4());
        ServerProvider.Destroyed destroyed = provider.destroy(principal, id, config);
        List<String> kvKeys = new ArrayList<>(removed.kvKeys());
        kvKeys.add(directory.forget(principal, id));
        return new Deleted(
                id,
                destroyed.serverDeleted(),
                config.isPresent(),
                removed.apps(),
                removed.dnsRecords(),
                kvKeys,
                destroyed.networkDeleted(),
                destroyed.cleanupJobId());
    }

    public ActionView power(Principal principal, long id, String action) {
        if (action == null || !List.of("on", "off", "shutdown", "reboot").contains(action)) {
            throw new AppException.BadRequest(
                    "INVALID_ACTION", "action must be on, off, shutdown or reboot.", Map.of("field", "action"));
        }
        Optional<VpsConfig> config = directory.find(principal, id);
        return providerOf(config).power(principal, id, config, action);
    }

    public ActionView action(Principal principal, long id, long actionId) {
        Optional<VpsConfig> config = directory.find(principal, id);
        return providerOf(config).action(principal, id, config, actionId);
    }

    /**
     * Apps whose {@code vps_id} is this server, from KV. No app and no such server is 404, as on every other route of a
     * server: an empty list would tell a caller that a server it mistyped exists.
     */
    public List<AppRecord> applications(Principal principal, long id) {
        List<AppRecord> apps =
                directory.apps(principal).stream().filter(a -> a.runsOn(id)).toList();
        if (apps.isEmpty()) {
            Optional<VpsConfig> config = directory.find(principal, id);
            if (config.isEmpty()
                    && providerOf(config).get(principal, id, config, List.of()).isEmpty()) {
                throw ServerDirectory.notFound(id);
            }
        }
        return apps;
    }

    private ServerProvider providerOf(Optional<VpsConfig> config) {
        return config.flatMap(c -> providers.stream().filter(p -> p.manages(c)).findFirst())
                .orElse(fallback);
    }
}
