package dev.xanthus.core.server;

import dev.xanthus.clients.hetzner.HetznerClient;
import dev.xanthus.clients.hetzner.HetznerException;
import dev.xanthus.clients.hetzner.Server;
import dev.xanthus.clients.hetzner.ServerType;
import dev.xanthus.clients.http.TransportException;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.error.AppException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How big a server is (vCPUs, memory GB, disk GB), from Hetzner's own figures — never from a table of type names,
 * which Hetzner's line-up outdates. Xanthus records the size in the KV config at create time; for a config without it
 * (written by the Go program) the server is read from Hetzner with the account's key. When neither works the size is
 * unknown, and callers must say so ({@link Resolved#note}) rather than skip the check silently.
 */
public final class ServerCapacity {

    /** What a server offers. */
    public record Capacity(double cpu, double memoryGb, double diskGb) {}

    /**
     * The capacity, or why it is unknown; {@code source} is {@code config} or {@code hetzner} when known, and
     * {@code serverType} the type it belongs to (Hetzner's live one when read from there).
     */
    public record Resolved(Optional<Capacity> capacity, String source, String serverType, String note) {

        static Resolved known(Capacity capacity, String source, String serverType) {
            return new Resolved(Optional.of(capacity), source, serverType, null);
        }

        static Resolved unknown(String note) {
            return new Resolved(Optional.empty(), null, null, note);
        }
    }

    private final HetznerKeys keys;

    public ServerCapacity(HetznerKeys keys) {
        this.keys = keys;
    }

    /** One server's capacity: from its config, else from {@code GET /servers/{id}}. */
    public Resolved of(Principal principal, VpsConfig config) {
        Optional<Resolved> local = fromConfig(config);
        if (local.isPresent()) {
            return local.get();
        }
        HetznerClient hetzner;
        try {
            hetzner = keys.client(principal);
        } catch (AppException.Conflict e) {
            return Resolved.unknown(
                    unchecked(config, "no readable Hetzner key to read its server type (" + e.code() + ")"));
        }
        try {
            return fromType(hetzner.getServer(config.serverId()).serverType())
                    .orElseGet(() -> Resolved.unknown(unchecked(config, "Hetzner did not say its server type's size")));
        } catch (HetznerException e) {
            return Resolved.unknown(unchecked(config, "Hetzner did not answer for it (" + e.code() + ")"));
        } catch (TransportException e) {
            return Resolved.unknown(unchecked(config, "Hetzner could not be reached"));
        }
    }

    /**
     * Capacities of many servers for a list: configs first, then one {@code GET /servers} for the Hetzner servers
     * without one. Servers left out of the map have an unknown capacity.
     */
    public Map<Long, Capacity> ofAll(Principal principal, Collection<VpsConfig> configs) {
        Map<Long, Capacity> known = new HashMap<>();
        boolean missing = false;
        for (VpsConfig config : configs) {
            Optional<Resolved> local = fromConfig(config);
            if (local.isPresent() && local.get().capacity().isPresent()) {
                known.put(config.serverId(), local.get().capacity().get());
            } else if (local.isEmpty()) {
                missing = true;
            }
        }
        if (!missing) {
            return known;
        }
        try {
            for (Server server : keys.client(principal).listServers(HetznerServers.LABEL_SELECTOR)) {
                fromType(server.serverType())
                        .flatMap(Resolved::capacity)
                        .ifPresent(c -> known.putIfAbsent(server.id(), c));
            }
        } catch (AppException.Conflict | HetznerException | TransportException e) {
            // The list still works; those servers show no capacity, and a deploy checks again (and says why it cannot).
        }
        return known;
    }

    /** Known from the config, unknown for good (OCI), or empty when Hetzner must be asked. */
    private static Optional<Resolved> fromConfig(VpsConfig config) {
        if (config.hasCapacity()) {
            return Optional.of(Resolved.known(
                    new Capacity(config.cores(), config.memoryGb(), config.diskGb()), "config", config.serverType()));
        }
        if (config.isOci()) {
            return Optional.of(Resolved.unknown(unchecked(config, "Oracle Cloud shapes are not checked")));
        }
        return Optional.empty();
    }

    private static Optional<Resolved> fromType(ServerType type) {
        if (type == null || type.cores() <= 0 || type.memory() <= 0 || type.disk() <= 0) {
            return Optional.empty();
        }
        return Optional.of(
                Resolved.known(new Capacity(type.cores(), type.memory(), type.disk()), "hetzner", type.name()));
    }

    private static String unchecked(VpsConfig config, String why) {
        return "The size of server " + config.name() + " is unknown, so it was not checked whether the app fits: " + why
                + ".";
    }
}
