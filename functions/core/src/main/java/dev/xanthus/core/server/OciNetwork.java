package dev.xanthus.core.server;

import dev.xanthus.clients.oci.EgressRule;
import dev.xanthus.clients.oci.IngressRule;
import dev.xanthus.clients.oci.InternetGateway;
import dev.xanthus.clients.oci.OciClient;
import dev.xanthus.clients.oci.OciException;
import dev.xanthus.clients.oci.OciRouteTable;
import dev.xanthus.clients.oci.OciSubnet;
import dev.xanthus.clients.oci.OciVcn;
import dev.xanthus.clients.oci.RouteRule;
import dev.xanthus.clients.oci.SecurityList;
import dev.xanthus.core.upstream.Upstreams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one network Xanthus servers of a compartment share: VCN {@code 10.0.0.0/16}, an internet gateway, the default
 * route to it, a security list letting in TCP 22, 80 and 443 only, and a public subnet {@code 10.0.1.0/24}. Every
 * part carries the {@code managed_by=xanthus} tag; {@link #ensure} completes whatever part is missing (so an
 * interrupted set-up heals on the next create) and {@link #remove} takes down only tagged parts, in the order OCI
 * requires.
 */
final class OciNetwork {

    static final String NAME = "xanthus";
    static final String VCN_CIDR = "10.0.0.0/16";
    static final String SUBNET_CIDR = "10.0.1.0/24";
    static final List<Integer> OPEN_PORTS = List.of(22, 80, 443);

    /** The subnet's OCID, creating what is missing. */
    String ensure(OciClient client, String compartment) {
        OciVcn vcn = find(client, compartment)
                .orElseGet(() -> Upstreams.oci(() -> client.createVcn(compartment, NAME, VCN_CIDR, OciServers.TAGS)));
        InternetGateway gateway = Upstreams.oci(() -> client.listInternetGateways(compartment, vcn.id())).stream()
                .filter(g -> live(g.lifecycleState()) && tagged(g.freeformTags()))
                .findFirst()
                .orElseGet(() -> Upstreams.oci(
                        () -> client.createInternetGateway(compartment, vcn.id(), NAME + "-gateway", OciServers.TAGS)));
        OciRouteTable routes = Upstreams.oci(() -> client.getRouteTable(vcn.defaultRouteTableId()));
        List<RouteRule> rules = routes.routeRules() == null ? List.of() : routes.routeRules();
        if (rules.stream()
                .noneMatch(
                        r -> "0.0.0.0/0".equals(r.destination()) && gateway.id().equals(r.networkEntityId()))) {
            List<RouteRule> updated = new ArrayList<>(rules.stream()
                    .filter(r -> !"0.0.0.0/0".equals(r.destination()))
                    .toList());
            updated.add(RouteRule.defaultRoute(gateway.id()));
            Upstreams.oci(() -> client.updateRouteTable(routes.id(), updated));
        }
        SecurityList security = Upstreams.oci(() -> client.listSecurityLists(compartment, vcn.id())).stream()
                .filter(l -> live(l.lifecycleState()) && tagged(l.freeformTags()))
                .findFirst()
                .orElseGet(() -> Upstreams.oci(() -> client.createSecurityList(
                        compartment,
                        vcn.id(),
                        NAME + "-web",
                        OPEN_PORTS.stream()
                                .map(p -> IngressRule.tcp("0.0.0.0/0", p))
                                .toList(),
                        List.of(EgressRule.allTraffic()),
                        OciServers.TAGS)));
        return Upstreams.oci(() -> client.listSubnets(compartment, vcn.id())).stream()
                .filter(s -> live(s.lifecycleState()) && tagged(s.freeformTags()))
                .findFirst()
                .orElseGet(() -> Upstreams.oci(() -> client.createSubnet(
                        compartment,
                        vcn.id(),
                        NAME + "-public",
                        SUBNET_CIDR,
                        vcn.defaultRouteTableId(),
                        List.of(security.id()),
                        OciServers.TAGS)))
                .id();
    }

    /**
     * Removes the tagged network: subnets, the default route to the gateway, the gateway, the tagged security lists,
     * then the VCN. Answers what went. OCI's 409 (something still uses a part) is thrown for the caller to retry.
     */
    List<String> remove(OciClient client, String compartment) {
        Optional<OciVcn> found = find(client, compartment);
        if (found.isEmpty()) {
            return List.of();
        }
        OciVcn vcn = found.get();
        List<String> removed = new ArrayList<>();
        for (OciSubnet subnet : Upstreams.oci(() -> client.listSubnets(compartment, vcn.id()))) {
            if (live(subnet.lifecycleState()) && tagged(subnet.freeformTags())) {
                deleteIgnoringGone(() -> client.deleteSubnet(subnet.id()));
                removed.add("subnet " + subnet.displayName());
            }
        }
        OciRouteTable routes = Upstreams.oci(() -> client.getRouteTable(vcn.defaultRouteTableId()));
        List<InternetGateway> gateways =
                Upstreams.oci(() -> client.listInternetGateways(compartment, vcn.id())).stream()
                        .filter(g -> live(g.lifecycleState()) && tagged(g.freeformTags()))
                        .toList();
        List<String> gatewayIds = gateways.stream().map(InternetGateway::id).toList();
        List<RouteRule> rules = routes.routeRules() == null ? List.of() : routes.routeRules();
        if (rules.stream().anyMatch(r -> gatewayIds.contains(r.networkEntityId()))) {
            Upstreams.oci(() -> client.updateRouteTable(
                    routes.id(),
                    rules.stream()
                            .filter(r -> !gatewayIds.contains(r.networkEntityId()))
                            .toList()));
        }
        for (InternetGateway gateway : gateways) {
            deleteIgnoringGone(() -> client.deleteInternetGateway(gateway.id()));
            removed.add("internet gateway " + gateway.displayName());
        }
        for (SecurityList list : Upstreams.oci(() -> client.listSecurityLists(compartment, vcn.id()))) {
            if (live(list.lifecycleState())
                    && tagged(list.freeformTags())
                    && !list.id().equals(vcn.defaultSecurityListId())) {
                deleteIgnoringGone(() -> client.deleteSecurityList(list.id()));
                removed.add("security list " + list.displayName());
            }
        }
        deleteIgnoringGone(() -> client.deleteVcn(vcn.id()));
        removed.add("vcn " + vcn.displayName());
        return removed;
    }

    private static Optional<OciVcn> find(OciClient client, String compartment) {
        return Upstreams.oci(() -> client.listVcns(compartment)).stream()
                .filter(v -> live(v.lifecycleState()) && tagged(v.freeformTags()) && NAME.equals(v.displayName()))
                .findFirst();
    }

    private static void deleteIgnoringGone(Runnable delete) {
        try {
            delete.run();
        } catch (OciException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
    }

    static boolean live(String state) {
        return state == null || !(state.equals("TERMINATING") || state.equals("TERMINATED"));
    }

    private static boolean tagged(Map<String, String> tags) {
        return tags != null && OciServers.TAG_VALUE.equals(tags.get(OciServers.TAG_KEY));
    }
}
