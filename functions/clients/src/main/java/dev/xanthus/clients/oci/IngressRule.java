package dev.xanthus.clients.oci;

/**
 * A stateful ingress rule, flattened from OCI's {@code IngressSecurityRule}: {@code protocol} is an IP protocol number
 * as a string ({@code "6"} TCP, {@code "17"} UDP, {@code "1"} ICMP) or {@code "all"}; {@code source} a CIDR; the TCP
 * destination port range applies to protocol 6 only (null: every port).
 */
public record IngressRule(String protocol, String source, Integer tcpMinPort, Integer tcpMaxPort) {

    public static final String TCP = "6";
    public static final String ALL = "all";

    public static IngressRule tcp(String source, int port) {
        return new IngressRule(TCP, source, port, port);
    }

    public static IngressRule tcp(String source, int minPort, int maxPort) {
        return new IngressRule(TCP, source, minPort, maxPort);
    }
}
