package dev.xanthus.core.dns;

import dev.xanthus.clients.cloudflare.CloudflareClient;
import dev.xanthus.clients.cloudflare.CloudflareException;
import dev.xanthus.clients.cloudflare.OriginCertificate;
import dev.xanthus.clients.cloudflare.OriginCertificateRequest;
import dev.xanthus.clients.cloudflare.PageRule;
import dev.xanthus.clients.cloudflare.Zone;
import dev.xanthus.clients.cloudflare.ZoneSetting;
import dev.xanthus.core.account.AccountCsr;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.kv.KvStore;
import dev.xanthus.core.upstream.CloudflareFailures;
import dev.xanthus.core.upstream.Upstreams;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The six steps of configuring a domain ({@link ConfigureStep}) as a saga: everything that will change is read first,
 * each step's undo is registered before the step runs (a write whose answer was lost may still have been applied, and
 * every undo is safe to run when it was not), and a failure undoes the applied steps in reverse, each tried a few
 * times, before answering which step failed and what, if anything, could not be put back.
 */
record ConfigureSaga(OriginCaRoot root, Clock clock) {

    static final int UNDO_ATTEMPTS = 3;

    private static final Logger log = LoggerFactory.getLogger(ConfigureSaga.class);

    private record Undo(ConfigureStep step, Runnable action) {}

    /** Configures {@code domain}; when a step fails, the applied ones are undone in reverse and the answer is 502. */
    DomainService.DomainView run(CloudflareClient cloudflare, KvStore kv, String domain) {
        String key = DomainSslConfig.kvKey(domain);
        if (Upstreams.cloudflare(() -> kv.getRaw(key)).isPresent()) {
            throw new AppException.Conflict(
                    "DOMAIN_ALREADY_MANAGED", domain + " is already managed by Xanthus.", Map.of("domain", domain));
        }
        AccountCsr csr = Upstreams.cloudflare(() -> kv.get(AccountCsr.KV_KEY, AccountCsr.class))
                .orElseThrow(() -> new AppException.Unprocessable(
                        "ACCOUNT_KEY_MISSING",
                        "The account key (config:ssl:csr) is missing from KV. Sign out and sign in again to recreate it.",
                        Map.of()));
        Zone zone = Upstreams.cloudflare(() -> cloudflare.findZoneByName(domain))
                .orElseThrow(() -> AppException.notFound(
                        "DOMAIN_NOT_FOUND", domain + " is not a zone of this Cloudflare account."));
        String zoneId = zone.id();
        // Everything that will change is read before the first change, so it can be put back exactly.
        String priorSsl = Upstreams.cloudflare(() -> cloudflare.getZoneSetting(zoneId, ZoneSetting.Id.SSL))
                .value();
        String priorHttps = Upstreams.cloudflare(
                        () -> cloudflare.getZoneSetting(zoneId, ZoneSetting.Id.ALWAYS_USE_HTTPS))
                .value();
        List<PageRule> priorRules = Upstreams.cloudflare(() -> cloudflare.listPageRules(zoneId));
        Set<String> priorRuleIds = priorRules.stream().map(PageRule::id).collect(Collectors.toSet());
        // A www rule the user already has wins: we neither duplicate it nor ever delete it.
        boolean wwwRuleExists =
                priorRules.stream().anyMatch(r -> ZoneChanges.wwwPattern(domain).equals(r.urlPattern()));
        // So that a certificate whose create answer was lost can be told from the user's own and revoked.
        Set<String> priorCertificateIds = Upstreams.cloudflare(() -> cloudflare.listOriginCertificates(zoneId)).stream()
                .map(OriginCertificate::id)
                .collect(Collectors.toSet());
        List<String> hostnames = List.of(domain, "*." + domain);

        Deque<Undo> applied = new ArrayDeque<>();
        ConfigureStep step = ConfigureStep.SSL_MODE;
        try {
            // Each undo is registered before its step runs: a write whose answer was lost may still have been applied,
            // and every undo is safe to run when it was not.
            applied.push(new Undo(step, () -> cloudflare.updateZoneSetting(zoneId, ZoneSetting.Id.SSL, priorSsl)));
            cloudflare.updateZoneSetting(zoneId, ZoneSetting.Id.SSL, "strict");

            step = ConfigureStep.ORIGIN_CERTIFICATE;
            AtomicReference<String> issuedId = new AtomicReference<>();
            applied.push(new Undo(
                    step,
                    () -> ZoneChanges.revokeIssued(
                            cloudflare, zoneId, hostnames, priorCertificateIds, issuedId.get())));
            OriginCertificate certificate = cloudflare.createOriginCertificate(
                    OriginCertificateRequest.rsa(csr.csr(), hostnames, OriginCertificateRequest.DEFAULT_VALIDITY_DAYS));
            issuedId.set(certificate.id());

            step = ConfigureStep.ORIGIN_CA_ROOT;
            String chain = CertificatePem.chain(certificate.certificate(), root.pem());

            step = ConfigureStep.ALWAYS_USE_HTTPS;
            applied.push(new Undo(
                    step, () -> cloudflare.updateZoneSetting(zoneId, ZoneSetting.Id.ALWAYS_USE_HTTPS, priorHttps)));
            cloudflare.updateZoneSetting(zoneId, ZoneSetting.Id.ALWAYS_USE_HTTPS, "on");

            step = ConfigureStep.WWW_REDIRECT;
            String pageRuleId = null;
            if (!wwwRuleExists) {
                applied.push(
                        new Undo(step, () -> ZoneChanges.deleteNewWwwRules(cloudflare, zoneId, domain, priorRuleIds)));
                pageRuleId = cloudflare
                        .createPageRule(zoneId, ZoneChanges.wwwRedirect(domain))
                        .id();
            }

            step = ConfigureStep.STORE_CONFIG;
            DomainSslConfig config = new DomainSslConfig(
                    domain,
                    zoneId,
                    certificate.id(),
                    chain,
                    csr.privateKey(),
                    clock.instant().toString(),
                    "strict",
                    true,
                    pageRuleId != null,
                    pageRuleId,
                    priorSsl,
                    priorHttps);
            applied.push(new Undo(step, () -> kv.delete(key)));
            kv.put(key, config);
            log.info(
                    "configured {}: ssl strict (was {}), always_use_https on (was {}), www rule {}",
                    domain,
                    priorSsl,
                    priorHttps,
                    pageRuleId == null ? "kept the existing one" : "created");
            return DomainService.DomainView.of(config);
        } catch (RuntimeException e) {
            throw rollBack(domain, step, applied, e);
        }
    }

    private AppException rollBack(String domain, ConfigureStep failed, Deque<Undo> applied, RuntimeException cause) {
        List<String> notUndone = new ArrayList<>();
        while (!applied.isEmpty()) {
            Undo undo = applied.pop();
            if (!undo(domain, undo)) {
                notUndone.add(undo.step().id());
            }
        }
        log.warn(
                "configuring {} failed at step {} ({}): {}; {}",
                domain,
                failed.number(),
                failed.id(),
                cause.getMessage(),
                notUndone.isEmpty() ? "every change was undone" : "NOT undone: " + notUndone);
        String reason = cause instanceof CloudflareException ce
                ? CloudflareFailures.describe(ce)
                : cause instanceof OriginCaRoot.Unavailable
                        ? "the Origin CA root is not available on this server"
                        : "an unexpected error";
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("domain", domain);
        details.put("failed_step", failed.id());
        details.put("step_number", failed.number());
        details.put("rolled_back", notUndone.isEmpty());
        details.put("not_undone", notUndone);
        String what = "Configuring " + domain + " failed at step " + failed.number() + " (" + failed.description()
                + "): " + reason + ". ";
        if (notUndone.isEmpty()) {
            return new AppException.Upstream(
                    "DOMAIN_CONFIGURE_FAILED",
                    what + "Every change made before it was undone; the zone is as it was.",
                    details,
                    cause);
        }
        return new AppException.Upstream(
                "DOMAIN_ROLLBACK_INCOMPLETE",
                what + "These changes could not be undone: " + String.join(", ", notUndone)
                        + ". Set them back in the Cloudflare dashboard.",
                details,
                cause);
    }

    /** Runs one undo, trying again a little later when Cloudflare fails; false when it never succeeded. */
    private static boolean undo(String domain, Undo undo) {
        for (int attempt = 1; ; attempt++) {
            try {
                undo.action().run();
                return true;
            } catch (RuntimeException e) {
                if (attempt == UNDO_ATTEMPTS) {
                    log.error("could not undo {} of {}: {}", undo.step().id(), domain, e.getMessage());
                    return false;
                }
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }
}
