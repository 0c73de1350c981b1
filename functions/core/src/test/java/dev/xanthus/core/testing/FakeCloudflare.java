package dev.xanthus.core.testing;

import dev.xanthus.clients.cloudflare.Account;
import dev.xanthus.clients.cloudflare.CloudflareClient;
import dev.xanthus.clients.cloudflare.DnsRecord;
import dev.xanthus.clients.cloudflare.DnsRecordInput;
import dev.xanthus.clients.cloudflare.KvKey;
import dev.xanthus.clients.cloudflare.KvNamespace;
import dev.xanthus.clients.cloudflare.KvWrite;
import dev.xanthus.clients.cloudflare.Membership;
import dev.xanthus.clients.cloudflare.OriginCertificate;
import dev.xanthus.clients.cloudflare.OriginCertificateRequest;
import dev.xanthus.clients.cloudflare.PageRule;
import dev.xanthus.clients.cloudflare.PageRuleInput;
import dev.xanthus.clients.cloudflare.TokenVerification;
import dev.xanthus.clients.cloudflare.User;
import dev.xanthus.clients.cloudflare.Zone;
import dev.xanthus.clients.cloudflare.ZoneSetting;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.kv.KvStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small in-memory Cloudflare for unit tests of core services: one account's Workers KV, zones with their SSL and
 * Always Use HTTPS settings, page rules and Origin CA certificates. Not a simulator (that is the sandbox's, over HTTP):
 * it keeps just enough state to tell what a service changed, records every write it was asked for ({@link #writes()})
 * and fails the operations a test names ({@link #failOn}). Token binding is ignored: {@link #withToken} is this.
 */
public final class FakeCloudflare implements CloudflareClient {

    public static final String ACCOUNT = "acc-test";
    public static final String NAMESPACE = "ns-test";

    private final Map<String, String> kv = new TreeMap<>();
    private final Map<String, Zone> zones = new LinkedHashMap<>();
    private final Map<String, Map<ZoneSetting.Id, String>> settings = new LinkedHashMap<>();
    private final Map<String, List<PageRule>> pageRules = new LinkedHashMap<>();
    private final Map<String, OriginCertificate> certificates = new LinkedHashMap<>();
    private final Map<String, String> certificateZones = new LinkedHashMap<>();
    private final Set<String> failing = new HashSet<>();
    private final List<String> writes = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    /** A zone with its current SSL mode and Always Use HTTPS. */
    public synchronized Zone addZone(String name, String ssl, String alwaysUseHttps) {
        Zone zone = new Zone("zone-" + ids.incrementAndGet(), name, "active", null);
        zones.put(zone.id(), zone);
        Map<ZoneSetting.Id, String> values = new EnumMap<>(ZoneSetting.Id.class);
        values.put(ZoneSetting.Id.SSL, ssl);
        values.put(ZoneSetting.Id.ALWAYS_USE_HTTPS, alwaysUseHttps);
        settings.put(zone.id(), values);
        pageRules.put(zone.id(), new ArrayList<>());
        return zone;
    }

    /** From now on, {@code operation} (a method name of {@link CloudflareClient}) fails as an unreachable API would. */
    public synchronized void failOn(String operation) {
        failing.add(operation);
    }

    public synchronized void heal(String operation) {
        failing.remove(operation);
    }

    /** The writes asked for, in order: {@code "updateZoneSetting ssl strict"}, {@code "kv put <key>"}, … */
    public synchronized List<String> writes() {
        return List.copyOf(writes);
    }

    public synchronized String setting(String zoneName, ZoneSetting.Id id) {
        return settings.get(zoneByName(zoneName).id()).get(id);
    }

    public synchronized List<PageRule> pageRules(String zoneName) {
        return List.copyOf(pageRules.get(zoneByName(zoneName).id()));
    }

    /** The certificates not revoked. */
    public synchronized List<OriginCertificate> certificates() {
        return List.copyOf(certificates.values());
    }

    /** The user's KV as it stands, key → raw value. */
    public synchronized Map<String, String> kv() {
        return Map.copyOf(kv);
    }

    public synchronized void putKv(String key, String value) {
        kv.put(key, value);
    }

    /** The signed-in user as services see them, with a KV store over this fake. */
    public Principal principal() {
        KvStore store = new KvStore(this, ACCOUNT, NAMESPACE);
        Instant now = Instant.parse("2026-12-04T12:00:00Z");
        return new Principal(
                ACCOUNT,
                "dev@example.com",
                "dev",
                NAMESPACE,
                "session-1",
                "token",
                now,
                now.plusSeconds(86_400),
                store);
    }

    private void call(String operation) {
        if (failing.contains(operation)) {
            throw new IllegalStateException("simulated failure of " + operation);
        }
    }

    private void write(String operation, String what) {
        call(operation);
        writes.add(operation + " " + what);
    }

    private Zone zoneByName(String name) {
        return zones.values().stream()
                .filter(z -> z.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Override
    public CloudflareClient withToken(String apiToken) {
        return this;
    }

    // ---------------------------------------------------------------- Workers KV

    @Override
    public synchronized Optional<byte[]> getKvValue(String accountId, String namespaceId, String key) {
        call("getKvValue");
        return Optional.ofNullable(kv.get(key)).map(v -> v.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public synchronized void putKvValue(String accountId, String namespaceId, String key, byte[] value) {
        write("putKvValue", key);
        kv.put(key, new String(value, StandardCharsets.UTF_8));
    }

    @Override
    public synchronized void deleteKvValue(String accountId, String namespaceId, String key) {
        write("deleteKvValue", key);
        kv.remove(key);
    }

    @Override
    public synchronized Map<String, String> getKvStrings(String accountId, String namespaceId, List<String> keys) {
        call("getKvStrings");
        Map<String, String> found = new LinkedHashMap<>();
        keys.forEach(k -> Optional.ofNullable(kv.get(k)).ifPresent(v -> found.put(k, v)));
        return found;
    }

    @Override
    public synchronized void putKvStrings(String accountId, String namespaceId, List<KvWrite> kvWrites) {
        kvWrites.forEach(w -> {
            write("putKvStrings", w.key());
            kv.put(w.key(), w.value());
        });
    }

    @Override
    public synchronized void deleteKvValues(String accountId, String namespaceId, List<String> keys) {
        write("deleteKvValues", String.join(",", keys));
        keys.forEach(kv::remove);
    }

    @Override
    public synchronized List<KvKey> listKvKeys(String accountId, String namespaceId, String prefix) {
        call("listKvKeys");
        return kv.keySet().stream()
                .filter(k -> prefix == null || k.startsWith(prefix))
                .map(k -> new KvKey(k, null, null))
                .toList();
    }

    // ---------------------------------------------------------------- zones and their settings

    @Override
    public synchronized List<Zone> listZones() {
        call("listZones");
        return List.copyOf(zones.values());
    }

    @Override
    public synchronized Optional<Zone> findZoneByName(String name) {
        call("findZoneByName");
        return zones.values().stream().filter(z -> z.name().equals(name)).findFirst();
    }

    @Override
    public synchronized ZoneSetting getZoneSetting(String zoneId, ZoneSetting.Id setting) {
        call("getZoneSetting");
        return new ZoneSetting(setting.wireName(), settings.get(zoneId).get(setting), true, null);
    }

    @Override
    public synchronized ZoneSetting updateZoneSetting(String zoneId, ZoneSetting.Id setting, String value) {
        write("updateZoneSetting", setting.wireName() + " " + value);
        settings.get(zoneId).put(setting, value);
        return new ZoneSetting(setting.wireName(), value, true, null);
    }

    @Override
    public synchronized List<PageRule> listPageRules(String zoneId) {
        call("listPageRules");
        return List.copyOf(pageRules.get(zoneId));
    }

    @Override
    public synchronized PageRule createPageRule(String zoneId, PageRuleInput rule) {
        write("createPageRule", rule.targets().get(0).constraint().value());
        PageRule created = new PageRule(
                "rule-" + ids.incrementAndGet(),
                rule.targets(),
                rule.actions(),
                rule.priority(),
                rule.status(),
                null,
                null);
        pageRules.get(zoneId).add(created);
        return created;
    }

    @Override
    public synchronized void deletePageRule(String zoneId, String pageRuleId) {
        write("deletePageRule", pageRuleId);
        pageRules.get(zoneId).removeIf(r -> r.id().equals(pageRuleId));
    }

    // ---------------------------------------------------------------- Origin CA

    /** Issues a placeholder PEM: the services store and chain it, they never parse it. */
    @Override
    public synchronized OriginCertificate createOriginCertificate(OriginCertificateRequest request) {
        write("createOriginCertificate", String.join(",", request.hostnames()));
        String id = "cert-" + ids.incrementAndGet();
        OriginCertificate certificate = new OriginCertificate(
                id,
                "-----BEGIN CERTIFICATE-----\n" + id + "\n-----END CERTIFICATE-----\n",
                request.hostnames(),
                null,
                request.requestType(),
                request.requestedValidity(),
                request.csr());
        certificates.put(id, certificate);
        String zone = request.hostnames().get(0);
        certificateZones.put(id, zoneByName(zone).id());
        return certificate;
    }

    @Override
    public synchronized List<OriginCertificate> listOriginCertificates(String zoneId) {
        call("listOriginCertificates");
        return certificates.values().stream()
                .filter(c -> zoneId.equals(certificateZones.get(c.id())))
                .toList();
    }

    @Override
    public synchronized void revokeOriginCertificate(String certificateId) {
        write("revokeOriginCertificate", certificateId);
        certificates.remove(certificateId);
    }

    // ---------------------------------------------------------------- not needed by the services under unit test

    @Override
    public TokenVerification verifyToken() {
        throw unsupported();
    }

    @Override
    public TokenVerification verifyAccountToken(String accountId) {
        throw unsupported();
    }

    @Override
    public List<Membership> listMemberships() {
        throw unsupported();
    }

    @Override
    public List<Account> listAccounts() {
        throw unsupported();
    }

    @Override
    public User getUser() {
        throw unsupported();
    }

    @Override
    public List<KvNamespace> listKvNamespaces(String accountId) {
        throw unsupported();
    }

    @Override
    public KvNamespace createKvNamespace(String accountId, String title) {
        throw unsupported();
    }

    @Override
    public List<DnsRecord> listDnsRecords(String zoneId, String name, String type) {
        throw unsupported();
    }

    @Override
    public DnsRecord createDnsRecord(String zoneId, DnsRecordInput record) {
        throw unsupported();
    }

    @Override
    public DnsRecord updateDnsRecord(String zoneId, String recordId, DnsRecordInput record) {
        throw unsupported();
    }

    @Override
    public void deleteDnsRecord(String zoneId, String recordId) {
        throw unsupported();
    }

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("not part of FakeCloudflare; use the sandbox's Cloudflare simulator");
    }
}
