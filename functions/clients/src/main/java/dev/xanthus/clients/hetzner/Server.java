package dev.xanthus.clients.hetzner;

import java.time.Instant;
import java.util.Map;

/** A cloud server, trimmed to what Xanthus reads. */
public record Server(
        long id,
        String name,
        ServerStatus status,
        Instant created,
        PublicNet publicNet,
        ServerType serverType,
        Location location,
        Image image,
        Map<String, String> labels) {

    /** The server's public addresses; either may be null when disabled. */
    public record PublicNet(Address ipv4, Address ipv6) {}

    /** A public address ({@code ipv6} is a /64 network). */
    public record Address(String ip, boolean blocked) {}

    /** The public IPv4, or null when the server has none. */
    public String ipv4() {
        return publicNet == null || publicNet.ipv4() == null
                ? null
                : publicNet.ipv4().ip();
    }
}
