package dev.xanthus.core.dns;

import dev.xanthus.clients.cloudflare.CloudflareClient;
import dev.xanthus.clients.cloudflare.CloudflareException;
import dev.xanthus.clients.cloudflare.OriginCertificate;
import dev.xanthus.clients.cloudflare.PageRule;
import dev.xanthus.clients.cloudflare.PageRuleInput;
import java.util.List;
import java.util.Set;

/**
 * The zone changes a domain's configuration makes and its undo and removal take back: the www redirect page rule
 * and the origin certificate. Each is safe to run again and safe to run when the change was never made, because a
 * write whose answer was lost may or may not have happened.
 */
final class ZoneChanges {

    private ZoneChanges() {}

    /** Revokes a certificate; one that is already gone counts as revoked. */
    static boolean revoke(CloudflareClient cloudflare, String certificateId) {
        try {
            cloudflare.revokeOriginCertificate(certificateId);
            return true;
        } catch (CloudflareException e) {
            if (e.kind() == CloudflareException.Kind.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Revokes the certificate this configure issued: by id when its answer came, otherwise every certificate of the
     * zone for exactly {@code hostnames} that was not there before (a lost answer may still have issued one).
     */
    static void revokeIssued(
            CloudflareClient cloudflare, String zoneId, List<String> hostnames, Set<String> priorIds, String issuedId) {
        if (issuedId != null) {
            revoke(cloudflare, issuedId);
            return;
        }
        for (OriginCertificate certificate : cloudflare.listOriginCertificates(zoneId)) {
            if (!priorIds.contains(certificate.id())
                    && certificate.hostnames() != null
                    && Set.copyOf(certificate.hostnames()).equals(Set.copyOf(hostnames))) {
                revoke(cloudflare, certificate.id());
            }
        }
    }

    /** Deletes www rules for {@code domain} that were not there before: ours, even when its create answer was lost. */
    static void deleteNewWwwRules(CloudflareClient cloudflare, String zoneId, String domain, Set<String> priorIds) {
        for (PageRule rule : cloudflare.listPageRules(zoneId)) {
            if (!priorIds.contains(rule.id()) && wwwPattern(domain).equals(rule.urlPattern())) {
                deleteRule(cloudflare, zoneId, rule.id());
            }
        }
    }

    /** The rule we created, by id; for a Go-written record (no id), the rules of exactly the shape Go created. */
    static boolean deleteOurWwwRule(CloudflareClient cloudflare, DomainSslConfig config) {
        if (config.pageRuleId() != null && !config.pageRuleId().isEmpty()) {
            return deleteRule(cloudflare, config.zoneId(), config.pageRuleId());
        }
        if (!config.pageRuleCreated()) {
            return false;
        }
        boolean deleted = false;
        for (PageRule rule : cloudflare.listPageRules(config.zoneId())) {
            if (isGoWwwRedirect(rule, config.domain())) {
                deleted |= deleteRule(cloudflare, config.zoneId(), rule.id());
            }
        }
        return deleted;
    }

    static boolean isGoWwwRedirect(PageRule rule, String domain) {
        return wwwPattern(domain).equals(rule.urlPattern())
                && rule.actions() != null
                && rule.actions().stream()
                        .anyMatch(a -> "forwarding_url".equals(a.id())
                                && a.value() != null
                                && redirectTarget(domain)
                                        .equals(a.value().path("url").asText()));
    }

    static boolean deleteRule(CloudflareClient cloudflare, String zoneId, String ruleId) {
        try {
            cloudflare.deletePageRule(zoneId, ruleId);
            return true;
        } catch (CloudflareException e) {
            if (e.kind() == CloudflareException.Kind.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    static PageRuleInput wwwRedirect(String domain) {
        return PageRuleInput.forward(wwwPattern(domain), redirectTarget(domain), 301);
    }

    static String wwwPattern(String domain) {
        return "www." + domain + "/*";
    }

    static String redirectTarget(String domain) {
        return "https://" + domain + "/$1";
    }
}
