package dev.xanthus.clients.oci;

/** A stateful egress rule, flattened like {@link IngressRule}: protocol, destination CIDR, optional TCP port range. */
public record EgressRule(String protocol, String destination, Integer tcpMinPort, Integer tcpMaxPort) {

    /** Everything, everywhere (OCI's default egress). */
    public static EgressRule allTraffic() {
        return new EgressRule(IngressRule.ALL, "0.0.0.0/0", null, null);
    }
}
