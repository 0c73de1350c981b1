package dev.xanthus.core.dns;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.xanthus.clients.cloudflare.CloudflareClient;
import dev.xanthus.clients.cloudflare.CloudflareException;
import dev.xanthus.clients.cloudflare.Zone;
import dev.xanthus.clients.cloudflare.ZoneSetting;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.kv.KvKeys;
import dev.xanthus.core.kv.KvStore;
import dev.xanthus.core.lock.Leases;
import dev.xanthus.core.upstream.CloudflareFailures;
import dev.xanthus.core.upstream.Upstreams;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a Cloudflare zone behind Full (strict) TLS with an origin certificate, as the Go program did, but
 * transactionally: the zone's prior SSL mode, Always Use HTTPS and www page rules are read before anything changes,
 * a failed step undoes the applied ones in reverse, and removal restores exactly the prior values.
 */
public record DomainService(CloudflareClient cloudflare, Leases leases, ConfigureSaga saga) {

    /** At most this many zone settings are read at once when listing (two per zone). */
    public static final int MAX_PARALLEL_SETTING_READS = 16;

    private static final Logger log = LoggerFactory.getLogger(DomainService.class);
    /** {@code cloudflare} without a token: each call acts with the signed-in user's. */
    public DomainService(CloudflareClient cloudflare, OriginCaRoot root, Leases leases, Clock clock) {
        this(cloudflare, leases, new ConfigureSaga(root, clock));
    }

    private CloudflareClient cloudflareFor(Principal principal) {
        return cloudflare.withToken(principal.cloudflareToken());
    }

    /** One zone of the account as the domains page lists it; the certificate expiry only when managed. */
    public record DomainSummary(
            @JsonProperty("name") String name,
            @JsonProperty("zone_id") String zoneId,
            @JsonProperty("status") String status,
            @JsonProperty("managed") boolean managed,
            @JsonProperty("ssl_mode") String sslMode,
            @JsonProperty("always_use_https") boolean alwaysUseHttps,
            @JsonProperty("certificate_expires_at") Instant certificateExpiresAt) {}

    /** A managed domain as the API shows it: the stored configuration without the private key. */
    public record DomainView(
            @JsonProperty("domain") String domain,
            @JsonProperty("zone_id") String zoneId,
            @JsonProperty("certificate_id") String certificateId,
            @JsonProperty("certificate") String certificate,
            @JsonProperty("certificate_expires_at") Instant certificateExpiresAt,
            @JsonProperty("configured_at") String configuredAt,
            @JsonProperty("ssl_mode") String sslMode,
            @JsonProperty("always_use_https") boolean alwaysUseHttps,
            @JsonProperty("page_rule_created") boolean pageRuleCreated,
            @JsonProperty("previous_ssl_mode") String previousSslMode,
            @JsonProperty("previous_always_use_https") String previousAlwaysUseHttps) {

        static DomainView of(DomainSslConfig c) {
            return new DomainView(
                    c.domain(),
                    c.zoneId(),
                    c.certificateId(),
                    c.certificate(),
                    CertificatePem.notAfter(c.certificate()),
                    c.configuredAt(),
                    c.sslMode(),
                    c.alwaysUseHttps(),
                    c.pageRuleCreated(),
                    c.previousSslMode(),
                    c.previousAlwaysUseHttps());
        }
    }

    /** What removing a domain put back. */
    public record Removal(
            @JsonProperty("domain") String domain,
            @JsonProperty("ssl_mode") String sslMode,
            @JsonProperty("always_use_https") String alwaysUseHttps,
            @JsonProperty("certificate_revoked") boolean certificateRevoked,
            @JsonProperty("page_rule_deleted") boolean pageRuleDeleted,
            @JsonProperty("applications_left") List<String> applicationsLeft) {}

    /** {@code app:<id>} as far as removal cares: which domain the application is served under. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record AppDomain(@JsonProperty("domain") String domain) {}

    /**
     * Every zone of the account, all pages, with its SSL mode and Always Use HTTPS. After the zone listing, the KV
     * records and every zone's two settings are read at once (at most {@link #MAX_PARALLEL_SETTING_READS} settings in
     * flight): three round trips deep, where reading them one after another made it five.
     */
    public List<DomainSummary> list(Principal principal) {
        CloudflareClient cloudflare = cloudflareFor(principal);
        KvStore kv = principal.kv();
        List<Zone> zones = Upstreams.cloudflare(cloudflare::listZones);
        Set<String> zoneNames = zones.stream().map(Zone::name).collect(Collectors.toSet());
        CompletableFuture<Managed> records = CompletableFuture.supplyAsync(
                () -> {
                    List<String> managedKeys = Upstreams.cloudflare(() -> kv.keys(KvKeys.DOMAIN_PREFIX)).stream()
                            .filter(k -> KvKeys.isDomainConfig(k) && zoneNames.contains(KvKeys.domainOf(k)))
                            .toList();
                    return new Managed(
                            managedKeys.stream().map(KvKeys::domainOf).collect(Collectors.toSet()),
                            Upstreams.cloudflare(() -> kv.getAll(managedKeys, DomainSslConfig.class)));
                },
                Upstreams.executor());
        Semaphore permits = new Semaphore(MAX_PARALLEL_SETTING_READS);
        Map<String, CompletableFuture<String>> ssl = new LinkedHashMap<>();
        Map<String, CompletableFuture<String>> https = new LinkedHashMap<>();
        for (Zone zone : zones) {
            ssl.put(zone.id(), setting(cloudflare, zone, ZoneSetting.Id.SSL, permits));
            https.put(zone.id(), setting(cloudflare, zone, ZoneSetting.Id.ALWAYS_USE_HTTPS, permits));
        }
        Managed managed = Upstreams.join(records);
        List<DomainSummary> summaries = new ArrayList<>();
        for (Zone zone : zones) {
            DomainSslConfig config = managed.configs().get(DomainSslConfig.kvKey(zone.name()));
            summaries.add(new DomainSummary(
                    zone.name(),
                    zone.id(),
                    zone.status(),
                    managed.domains().contains(zone.name()),
                    Upstreams.join(ssl.get(zone.id())),
                    "on".equals(Upstreams.join(https.get(zone.id()))),
                    config == null ? null : CertificatePem.notAfter(config.certificate())));
        }
        return summaries;
    }

    /** The managed domains of a listing and their stored records (a record that does not decode has none). */
    private record Managed(Set<String> domains, Map<String, DomainSslConfig> configs) {}

    private static CompletableFuture<String> setting(
            CloudflareClient cloudflare, Zone zone, ZoneSetting.Id id, Semaphore permits) {
        return CompletableFuture.supplyAsync(
                () -> {
                    permits.acquireUninterruptibly();
                    try {
                        return Upstreams.cloudflare(() -> cloudflare.getZoneSetting(zone.id(), id))
                                .value();
                    } finally {
                        permits.release();
                    }
                },
                Upstreams.executor());
    }

    /** The managed configuration of {@code domain}, without its private key; 404 when it is not managed. */
    public DomainView get(Principal principal, String domain) {
        return DomainView.of(managedConfig(principal.kv(), DomainName.require(domain)));
    }

    /**
     * Configures {@code domain} in six steps ({@link ConfigureStep}); when one fails, the applied ones are undone in
     * reverse and the answer is 502 naming the failed step.
     */
    public DomainView configure(Principal principal, String rawDomain) {
        String domain = DomainName.require(rawDomain);
        saga.root().unavailableReason().ifPresent(reason -> {
            throw new AppException.Unavailable(
                    "ORIGIN_CA_ROOT_UNAVAILABLE",
                    "Configuring domains is not available on " + "this server: " + reason + ". Nothing was changed.",
                    null);
        });
        // configure and remove of one domain take turns: two at once would both pass the "managed?" check
        return leases.exclusive(
                principal.accountId(),
                KvKeys.domain(domain),
                domain,
                () -> saga.run(cloudflareFor(principal), principal.kv(), domain));
    }

    /**
     * Removes {@code domain} from Xanthus: deletes the page rule we created, restores the prior Always Use HTTPS and
     * SSL mode, revokes the certificate and deletes the KV record. 409 while applications use the domain, unless
     * {@code force}. Every step is idempotent, so after a failure (502 naming the step) removing again resumes.
     */
    public Removal remove(Principal principal, String rawDomain, boolean force) {
        String domain = DomainName.require(rawDomain);
        return leases.exclusive(
                principal.accountId(),
                KvKeys.domain(domain),
                domain,
                () -> remove(cloudflareFor(principal), principal.kv(), domain, force));
    }

    private Removal remove(CloudflareClient cloudflare, KvStore kv, String domain, boolean force) {
        DomainSslConfig config = managedConfig(kv, domain);
        List<String> applications = applicationsUsing(kv, domain);
        if (!applications.isEmpty() && !force) {
            throw new AppException.Conflict(
                    "DOMAIN_IN_USE",
                    applications.size() + " application(s) use " + domain
                            + ". Delete them first, or remove with force=true to leave them without TLS.",
                    Map.of("domain", domain, "applications", applications));
        }
        String zoneId = config.zoneId();
        // Records written by the Go program lack the prior values; fall back to what it restored (flexible, off).
        String ssl = config.previousSslMode() != null
                ? config.previousSslMode()
                : "strict".equals(config.sslMode()) ? "flexible" : null;
        String https = config.previousAlwaysUseHttps() != null
                ? config.previousAlwaysUseHttps()
                : config.alwaysUseHttps() ? "off" : null;

        boolean ruleDeleted =
                removalStep(domain, "www_redirect", () -> ZoneChanges.deleteOurWwwRule(cloudflare, config));
        if (https != null) {
            removalStep(
                    domain,
                    "always_use_https",
                    () -> cloudflare.updateZoneSetting(zoneId, ZoneSetting.Id.ALWAYS_USE_HTTPS, https) != null);
        }
        // SSL goes back before the certificate is revoked, so strict mode never meets a revoked origin certificate.
        if (ssl != null) {
            removalStep(
                    domain, "ssl_mode", () -> cloudflare.updateZoneSetting(zoneId, ZoneSetting.Id.SSL, ssl) != null);
        }
        boolean revoked = config.certificateId() != null
                && !config.certificateId().isEmpty()
                && removalStep(
                        domain, "origin_certificate", () -> ZoneChanges.revoke(cloudflare, config.certificateId()));
        removalStep(domain, "delete_config", () -> {
            kv.delete(DomainSslConfig.kvKey(domain));
            return true;
        });
        log.info(
                "removed {}: ssl {}, always_use_https {}, certificate revoked {}, www rule deleted {}",
                domain,
                ssl,
                https,
                revoked,
                ruleDeleted);
        return new Removal(domain, ssl, https, revoked, ruleDeleted, applications);
    }

    private DomainSslConfig managedConfig(KvStore kv, String domain) {
        return Upstreams.cloudflare(() -> kv.get(DomainSslConfig.kvKey(domain), DomainSslConfig.class))
                .orElseThrow(() -> AppException.notFound("DOMAIN_NOT_MANAGED", domain + " is not managed by Xanthus."));
    }

    /** Ids of the applications ({@code app:<id>}, not {@code app:<id>:password} etc.) served under {@code domain}. */
    private static List<String> applicationsUsing(KvStore kv, String domain) {
        return Upstreams.cloudflare(() -> kv.getAllUnder(KvKeys.APP_PREFIX, KvKeys::isApp, AppDomain.class))
                .entrySet()
                .stream()
                .filter(e -> domain.equalsIgnoreCase(e.getValue().domain()))
                .map(e -> KvKeys.appIdOf(e.getKey()))
                .sorted()
                .toList();
    }

    private static boolean removalStep(String domain, String step, Supplier<Boolean> action) {
        try {
            return action.get();
        } catch (CloudflareException e) {
            log.warn("removing {} failed at {}: {}", domain, step, e.getMessage());
            throw new AppException.Upstream(
                    "DOMAIN_REMOVE_FAILED",
                    "Removing " + domain + " failed at " + step + ": " + CloudflareFailures.describe(e)
                            + ". The domain stays managed; removing it again resumes where this stopped.",
                    Map.of("domain", domain, "failed_step", step),
                    e);
        }
    }
}
