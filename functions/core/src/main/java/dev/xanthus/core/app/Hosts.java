package dev.xanthus.core.app;

import dev.xanthus.clients.cloudflare.DnsRecord;
import dev.xanthus.core.auth.AuthService;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.dns.DnsRecords;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.server.PortForward;
import dev.xanthus.core.upstream.Upstreams;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Host names that apps and port-forwards claim under a managed domain: one claim at a time, never a taken one. */
record Hosts(AppContext context, AuthService auth) {

    private static final String HOST_LEASE = "host:";

    /**
     * Runs {@code claim} holding the host's lease: two requests claiming one host (two creates, a create and a
     * port-forward) take turns, since both would pass {@link #checkFree} before either wrote its record.
     */
    <T> T claiming(Principal principal, String host, Supplier<T> claim) {
        return context.leases().exclusive(principal.accountId(), HOST_LEASE + host, host, claim);
    }

    /** 409 when another app or port-forward uses {@code host}, or a DNS record Xanthus did not make exists for it. */
    void checkFree(Principal principal, List<Application> apps, String host, String domain) {
        for (Application other : apps) {
            if (other.domain() != null && host.equals(other.host())) {
                throw new AppException.Conflict(
                        "SUBDOMAIN_TAKEN",
                        host + " is used by application " + other.id() + ".",
                        Map.of("field", "subdomain", "application", other.id()));
            }
        }
        List<CompletableFuture<List<PortForward>>> lists = apps.stream()
                .map(a -> Upstreams.async(() -> context.records().forwards(principal, a.id())))
                .toList();
        for (CompletableFuture<List<PortForward>> list : lists) {
            for (PortForward forward : Upstreams.join(list)) {
                if (host.equals(forward.subdomain() + "." + forward.domain())) {
                    throw new AppException.Conflict(
                            "SUBDOMAIN_TAKEN",
                            host + " is used by a port-forward of " + forward.appId() + ".",
                            Map.of("field", "subdomain"));
                }
            }
        }
        Optional<DnsRecord> foreign = dns(principal).foreign(domain, host);
        if (foreign.isPresent()) {
            throw new AppException.Conflict(
                    "DNS_RECORD_EXISTS",
                    "A " + foreign.get().type() + " record for " + host
                            + " exists that Xanthus did not create; remove it in Cloudflare or pick another subdomain.",
                    Map.of("field", "subdomain"));
        }
    }

    DnsRecords dns(Principal principal) {
        return new DnsRecords(auth.cloudflareFor(principal));
    }
}
