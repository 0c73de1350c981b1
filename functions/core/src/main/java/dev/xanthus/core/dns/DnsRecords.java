package dev.xanthus.core.dns;

import dev.xanthus.clients.cloudflare.CloudflareClient;
import dev.xanthus.clients.cloudflare.CloudflareException;
import dev.xanthus.clients.cloudflare.DnsRecord;
import dev.xanthus.clients.cloudflare.DnsRecordInput;
import dev.xanthus.clients.cloudflare.Zone;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.upstream.CloudflareFailures;
import dev.xanthus.core.upstream.Upstreams;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Proxied A records for the other functions (an application's or port-forward's host name → a server's IPv4).
 * Records Xanthus creates carry {@link DnsRecord#MANAGED_COMMENT}; only those are ever changed or deleted, and a
 * record of the same name that someone else made is never overwritten (409 {@code DNS_RECORD_EXISTS}).
 */
public final class DnsRecords {

    /** Types that cannot live beside an A record of the same name without changing where the name points. */
    private static final Set<String> CLASHING_TYPES = Set.of("A", "AAAA", "CNAME");

    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

    private final CloudflareClient cloudflare;

    /** {@code cloudflare} must be bound to the user's token ({@code AuthService.cloudflareFor}). */
    public DnsRecords(CloudflareClient cloudflare) {
        this.cloudflare = cloudflare;
    }

    /**
     * Makes {@code hostname} (inside zone {@code domain}) a proxied A record pointing at {@code ipv4}: creates it, or
     * updates the one Xanthus made before. 409 {@code DNS_RECORD_EXISTS} when an A, AAAA or CNAME record of that name
     * exists that Xanthus did not create; 404 {@code DOMAIN_NOT_FOUND} when the zone is not in the account.
     */
    public DnsRecord upsertA(String domain, String hostname, String ipv4) {
        String zoneName = DomainName.require(domain);
        String name = DomainName.requireHostIn(hostname, zoneName);
        if (ipv4 == null || !IPV4.matcher(ipv4).matches()) {
            throw new AppException.BadRequest(
                    "INVALID_IPV4",
                    "The address must be an IPv4 address such as 203.0.113.7.",
                    Map.of("field", "ipv4"));
        }
        String zoneId = zoneId(zoneName);
        List<DnsRecord> existing = Upstreams.cloudflare(() -> cloudflare.listDnsRecords(zoneId, name, null));
        Optional<DnsRecord> foreign = existing.stream()
                .filter(r -> !r.isManaged() && CLASHING_TYPES.contains(r.type()))
                .findFirst();
        if (foreign.isPresent()) {
            throw new AppException.Conflict(
                    "DNS_RECORD_EXISTS",
                    "A " + foreign.get().type() + " record for " + name
                            + " exists that Xanthus did not create; it is left as it is. Remove it in Cloudflare or pick another name.",
                    Map.of("name", name, "type", foreign.get().type()));
        }
        List<DnsRecord> ours = existing.stream()
                .filter(r -> r.isManaged() && "A".equals(r.type()))
                .toList();
        DnsRecordInput wanted = DnsRecordInput.managed("A", name, ipv4, true);
        if (ours.isEmpty()) {
            return create(zoneId, name, wanted);
        }
        DnsRecord first = ours.get(0);
        // Two of ours under one name would round-robin between servers; keep one.
        ours.stream().skip(1).forEach(r -> Upstreams.cloudflareRun(() -> cloudflare.deleteDnsRecord(zoneId, r.id())));
        if (ipv4.equals(first.content()) && first.proxied()) {
            return first;
        }
        return Upstreams.cloudflare(() -> cloudflare.updateDnsRecord(zoneId, first.id(), wanted));
    }

    /**
     * Creates the record. When no answer came (or a 5xx), Cloudflare may still have created it: the record is then
     * looked up and adopted, so a retry neither fails on "already exists" nor leaves a second one behind.
     */
    private DnsRecord create(String zoneId, String name, DnsRecordInput wanted) {
        try {
            return cloudflare.createDnsRecord(zoneId, wanted);
        } catch (CloudflareException e) {
            if (e.kind() != CloudflareException.Kind.TRANSPORT && e.kind() != CloudflareException.Kind.UNAVAILABLE) {
                throw CloudflareFailures.of(e);
            }
            return Upstreams.cloudflare(() -> cloudflare.listDnsRecords(zoneId, name, "A")).stream()
                    .filter(r -> r.isManaged() && wanted.content().equals(r.content()))
                    .findFirst()
                    .orElseThrow(() -> CloudflareFailures.of(e));
        }
    }

    /** An A, AAAA or CNAME record for {@code hostname} that Xanthus did not create, if any. */
    public Optional<DnsRecord> foreign(String domain, String hostname) {
        String zoneName = DomainName.require(domain);
        String name = DomainName.requireHostIn(hostname, zoneName);
        String zoneId = zoneId(zoneName);
        return Upstreams.cloudflare(() -> cloudflare.listDnsRecords(zoneId, name, null)).stream()
                .filter(r -> !r.isManaged() && CLASHING_TYPES.contains(r.type()))
                .findFirst();
    }

    /** The A record Xanthus made for {@code hostname}, if any (records made by others are not returned). */
    public Optional<DnsRecord> find(String domain, String hostname) {
        String zoneName = DomainName.require(domain);
        String name = DomainName.requireHostIn(hostname, zoneName);
        String zoneId = zoneId(zoneName);
        return Upstreams.cloudflare(() -> cloudflare.listDnsRecords(zoneId, name, "A")).stream()
                .filter(DnsRecord::isManaged)
                .findFirst();
    }

    /** Deletes the A records Xanthus made for {@code hostname}; others stay. True when one was deleted. */
    public boolean delete(String domain, String hostname) {
        String zoneName = DomainName.require(domain);
        String name = DomainName.requireHostIn(hostname, zoneName);
        String zoneId = zoneId(zoneName);
        List<DnsRecord> ours = Upstreams.cloudflare(() -> cloudflare.listDnsRecords(zoneId, name, "A")).stream()
                .filter(DnsRecord::isManaged)
                .toList();
        ours.forEach(r -> Upstreams.cloudflareRun(() -> cloudflare.deleteDnsRecord(zoneId, r.id())));
        return !ours.isEmpty();
    }

    private String zoneId(String zoneName) {
        return Upstreams.cloudflare(() -> cloudflare.findZoneByName(zoneName))
                .map(Zone::id)
                .orElseThrow(() -> AppException.notFound(
                        "DOMAIN_NOT_FOUND", zoneName + " is not a zone of this Cloudflare account."));
    }
}
