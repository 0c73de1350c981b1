package dev.xanthus.clients.oci;

/**
 * One route: traffic to {@code destination} (a CIDR when {@code destinationType} is {@link #CIDR_BLOCK}) goes to
 * {@code networkEntityId} (e.g. an internet gateway's OCID).
 */
public record RouteRule(String destination, String destinationType, String networkEntityId) {

    public static final String CIDR_BLOCK = "CIDR_BLOCK";

    /** Everything not local, to the given gateway. */
    public static RouteRule defaultRoute(String networkEntityId) {
        return new RouteRule("0.0.0.0/0", CIDR_BLOCK, networkEntityId);
    }
}
