package dev.xanthus.core.server;

import dev.xanthus.clients.cloudflare.CloudflareClient;
import dev.xanthus.clients.cloudflare.DnsRecord;
import dev.xanthus.clients.cloudflare.Zone;
import dev.xanthus.core.auth.AuthService;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.kv.KvKeys;
import dev.xanthus.core.kv.KvStore;
import dev.xanthus.core.upstream.Upstreams;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Removes what hangs off a server before it goes: its apps' KV records and the Xanthus-made DNS records (of the apps'
 * and port-forwards' zones) that point at its address. Records without the Xanthus marker are never touched. Kept
 * apart so the DNS half can later be the dns function's own helper.
 */
public final class ServerCleanup {

    private final AuthService auth;

    public ServerCleanup(AuthService auth) {
        this.auth = auth;
    }

    /** What was removed, by name. */
    public record Removed(List<String> apps, List<String> dnsRecords, List<String> kvKeys) {}

    public Removed removeAppsOf(Principal principal, long serverId, String ip) {
        KvStore kv = principal.kv();
        Map<String, AppRecord> apps =
                Upstreams.cloudflare(() -> kv.getAllUnder(KvKeys.APP_PREFIX, KvKeys::isApp, AppRecord.class));
        List<String> removedApps = new ArrayList<>();
        List<String> removedKeys = new ArrayList<>();
        List<String> removedRecords = new ArrayList<>();
        Set<String> domains = new LinkedHashSet<>();
        List<String> keysToDelete = new ArrayList<>();
        List<String> forwardKeys = new ArrayList<>();
        for (Map.Entry<String, AppRecord> entry : apps.entrySet()) {
            AppRecord app = entry.getValue();
            if (!app.runsOn(serverId)) {
                continue;
            }
            String appId = KvKeys.appIdOf(entry.getKey());
            removedApps.add(appId);
            if (app.domain() != null && !app.domain().isBlank()) {
                domains.add(app.domain());
            }
            forwardKeys.add(KvKeys.appPortForwards(appId));
            keysToDelete.addAll(KvKeys.appKeys(appId));
        }
        // The port-forwards of every app on the server in one bulk read; an unreadable list has no domains to clean.
        Map<String, PortForward[]> forwards = Upstreams.cloudflare(() -> kv.getAll(forwardKeys, PortForward[].class));
        for (PortForward[] list : forwards.values()) {
            for (PortForward forward : list) {
                if (forward.domain() != null && !forward.domain().isBlank()) {
                    domains.add(forward.domain());
                }
            }
        }
        if (ip != null && !domains.isEmpty()) {
            CloudflareClient cloudflare = auth.cloudflareFor(principal);
            for (String domain : domains) {
                Optional<Zone> zone = Upstreams.cloudflare(() -> cloudflare.findZoneByName(domain));
                if (zone.isEmpty()) {
                    continue;
                }
                List<DnsRecord> records = Upstreams.cloudflare(
                        () -> cloudflare.listDnsRecords(zone.get().id(), null, null));
                for (DnsRecord record : records) {
                    if (record.isManaged() && ip.equals(record.content())) {
                        Upstreams.cloudflareRun(
                                () -> cloudflare.deleteDnsRecord(zone.get().id(), record.id()));
                        removedRecords.add(record.type() + " " + record.name());
                    }
                }
            }
        }
        // KV last: if a DNS delete fails, a repeat of the delete still finds the apps and finishes the job.
        Upstreams.cloudflareRun(() -> kv.deleteAll(keysToDelete));
        removedKeys.addAll(keysToDelete);
        return new Removed(removedApps, removedRecords, removedKeys);
    }
}
