package dev.xanthus.core.app;

import dev.xanthus.core.app.catalog.Capability;
import dev.xanthus.core.app.catalog.CatalogApp;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.dns.DnsRecords;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.remote.RemoteValues;
import dev.xanthus.core.server.PortForward;
import dev.xanthus.core.server.VpsConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Extra ports of an app ({@link Capability#PORT_FORWARDS}) published under their own subdomain: a Kubernetes service
 * and ingress on the server, a DNS record at Cloudflare and the list in KV, added and removed together.
 */
public record PortForwards(AppContext context, Hosts hosts) {

    public record PortForwardRequest(Integer port, String subdomain) {}

    public List<PortForward> list(Principal principal, String id) {
        Application app = context.records().require(principal, id);
        return context.records().forwards(principal, app.id());
    }

    public PortForward add(Principal principal, String id, PortForwardRequest request) {
        if (request == null || request.port() == null || request.port() < 1 || request.port() > 65535) {
            throw new AppException.BadRequest(
                    "INVALID_PORT", "port is a number from 1 to 65535.", Map.of("field", "port"));
        }
        int port = request.port();
        String sub = RemoteValues.subdomain(request.subdomain(), "subdomain");
        if (sub.isEmpty()) {
            throw new AppException.BadRequest(
                    "INVALID_SUBDOMAIN", "A port-forward needs its own subdomain.", Map.of("field", "subdomain"));
        }
        Application app = context.records().running(principal, id);
        CatalogApp entry = context.catalog().require(app.appType());
        if (!entry.has(Capability.PORT_FORWARDS)) {
            throw AppRecords.notSupported(app, "port-forwards");
        }
        if (port == entry.defaultPort()) {
            throw new AppException.BadRequest(
                    "INVALID_PORT", "Port " + port + " is the application's own port.", Map.of("field", "port"));
        }
        String host = sub + "." + app.domain();
        return hosts.claiming(principal, host, () -> {
            List<PortForward> current = context.records().forwards(principal, app.id());
            if (current.stream().anyMatch(f -> f.port() == port)) {
                throw AppException.conflict("PORT_FORWARD_EXISTS", "Port " + port + " is already forwarded.");
            }
            hosts.checkFree(principal, context.records().list(principal), host, app.domain());
            String service = app.id() + "-port-" + port;
            String ingress = service + "-ingress";
            VpsConfig server = context.servers().require(principal, app.serverId());
            DnsRecords dns = hosts.dns(principal);
            boolean dnsCreated = false;
            try {
                context.remote(principal, app, r -> {
                    r.portForward(app, service, ingress, port, host);
                    return null;
                });
                dns.upsertA(app.domain(), host, server.publicIpv4());
                dnsCreated = true;
                PortForward forward = new PortForward(
                        "pf-" + AppRecords.randomHex(6),
                        app.id(),
                        port,
                        sub,
                        app.domain(),
                        "https://" + host,
                        service,
                        ingress,
                        context.now());
                List<PortForward> updated = new ArrayList<>(current);
                updated.add(forward);
                context.records().putForwards(principal, app.id(), updated);
                return forward;
            } catch (RuntimeException e) {
                rollBack(principal, app, dns, dnsCreated ? host : null, service, ingress);
                throw e;
            }
        });
    }

    private void rollBack(
            Principal principal, Application app, DnsRecords dns, String host, String service, String ingress) {
        try {
            if (host != null) {
                dns.delete(app.domain(), host);
            }
        } catch (RuntimeException ignored) {
            // best effort; the original failure is reported
        }
        try {
            deleteObjects(principal, app, service, ingress);
        } catch (RuntimeException ignored) {
            // best effort
        }
    }

    public void delete(Principal principal, String id, String forwardId) {
        if (forwardId == null || !forwardId.matches("pf-[A-Za-z0-9-]{1,40}")) {
            throw AppException.badRequest("INVALID_PORT_FORWARD_ID", "A port-forward id looks like pf-1a2b3c4d5e6f.");
        }
        Application app = context.records().require(principal, id);
        List<PortForward> current = context.records().forwards(principal, app.id());
        PortForward forward = current.stream()
                .filter(f -> forwardId.equals(f.id()))
                .findFirst()
                .orElseThrow(() ->
                        AppException.notFound("PORT_FORWARD_NOT_FOUND", "There is no port-forward " + forwardId + "."));
        deleteObjects(principal, app, forward.serviceName(), forward.ingressName());
        hosts.dns(principal).delete(forward.domain(), forward.subdomain() + "." + forward.domain());
        context.records()
                .putForwards(
                        principal,
                        app.id(),
                        current.stream().filter(f -> !forwardId.equals(f.id())).toList());
    }

    private void deleteObjects(Principal principal, Application app, String service, String ingress) {
        context.remote(principal, app, r -> {
            r.deleteObject("ingress", ingress, app.namespace());
            r.deleteObject("service", service, app.namespace());
            return null;
        });
    }
}
