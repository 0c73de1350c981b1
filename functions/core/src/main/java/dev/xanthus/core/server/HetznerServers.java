package dev.xanthus.core.server;

import dev.xanthus.clients.hetzner.Action;
import dev.xanthus.clients.hetzner.HetznerClient;
import dev.xanthus.clients.hetzner.HetznerException;
import dev.xanthus.clients.hetzner.Server;
import dev.xanthus.clients.http.TransportException;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.remote.RemoteValues;
import dev.xanthus.core.upstream.HetznerFailures;
import dev.xanthus.core.upstream.Upstreams;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Hetzner's half of {@link ServerProvider}: the lifecycle of servers labelled {@code managed_by=xanthus} (only those
 * are ever touched), with the user's project key.
 */
public record HetznerServers(HetznerKeys keys, ServerCatalog catalog, Clock clock, ServerDirectory directory)
        implements ServerProvider {

    public static final String LABEL_KEY = "managed_by";
    public static final String LABEL_VALUE = "xanthus";
    public static final String LABEL_SELECTOR = LABEL_KEY + "=" + LABEL_VALUE;
    /** Label with a fresh UUID on every create, to find a server whose create answer was lost. */
    public static final String CREATE_LABEL = "xanthus-create";

    /** {@code POST /vps} for Hetzner. */
    public record CreateRequest(String name, String location, String serverType, String timezone)
            implements ServerSpec {
        @Override
        public String provider() {
            return ServerView.HETZNER;
        }
    }

    @Override
    public String name() {
        return ServerView.HETZNER;
    }

    @Override
    public boolean manages(VpsConfig config) {
        return !config.isOci();
    }

    @Override
    public boolean hasCredentials(Principal principal) {
        try {
            return keys.status(principal, false).exists();
        } catch (AppException.Conflict unreadable) {
            return true;
        }
    }

    public ServerOptions options(
            Principal principal, String location, String architecture, String cpuType, String sort) {
        return catalog.options(keys.client(principal), location, architecture, cpuType, sort);
    }

    /** 200 when free; 409 when one of the project's servers has the name; 400 when it is not a valid host name. */
    public void checkNameAvailable(Principal principal, String name) {
        RemoteValues.hostname(name);
        HetznerClient hetzner = keys.client(principal);
        HetznerCreation.requireNameFree(Upstreams.hetzner(() -> hetzner.listServers(null)), name);
    }

    /** One Hetzner listing; servers only KV still knows are listed as {@code missing}. */
    @Override
    public List<ServerView> list(
            Principal principal, Supplier<List<VpsConfig>> configs, Supplier<List<AppRecord>> appsRead) {
        HetznerClient hetzner;
        try {
            hetzner = keys.client(principal);
        } catch (AppException.Conflict e) {
            List<VpsConfig> known = configs.get();
            if (known.isEmpty()) {
                throw e;
            }
            // Known servers stay listed, their state unknown, rather than vanish with the key.
            List<AppRecord> apps = appsRead.get();
            return known.stream().map(c -> view(null, c, apps, "unknown")).toList();
        }
        List<Server> servers = Upstreams.hetzner(() -> hetzner.listServers(LABEL_SELECTOR));
        Map<Long, VpsConfig> byId = new java.util.HashMap<>();
        configs.get().forEach(c -> byId.put(c.serverId(), c));
        List<AppRecord> apps = appsRead.get();
        List<ServerView> views = new ArrayList<>();
        for (Server server : servers) {
            views.add(view(server, byId.remove(server.id()), apps, null));
        }
        byId.values().forEach(c -> views.add(view(null, c, apps, null)));
        return views;
    }

    @Override
    public Optional<ServerView> get(Principal principal, long id, Optional<VpsConfig> config, List<AppRecord> apps) {
        Optional<Server> server = managedServer(keys.client(principal), id);
        if (server.isEmpty() && config.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(view(server.orElse(null), config.orElse(null), apps, null));
    }

    @Override
    public ServerService.Created create(Principal principal, ServerSpec spec) {
        return new HetznerCreation(keys, clock, directory).create(principal, (CreateRequest) spec);
    }

    @Override
    public Destroyed destroy(Principal principal, long id, Optional<VpsConfig> config) {
        HetznerClient hetzner = keys.client(principal);
        try {
            Upstreams.hetzner(() -> hetzner.deleteServer(id));
            return new Destroyed(true, List.of(), null);
        } catch (AppException.NotFound e) {
            return new Destroyed(false, List.of(), null);
        }
    }

    @Override
    public ActionView power(Principal principal, long id, Optional<VpsConfig> config, String action) {
        HetznerClient hetzner = keys.client(principal);
        managedServer(hetzner, id).orElseThrow(() -> ServerDirectory.notFound(id));
        Action started = Upstreams.hetzner(() -> switch (action) {
            case "on" -> hetzner.powerOn(id);
            case "off" -> hetzner.powerOff(id);
            case "shutdown" -> hetzner.shutdown(id);
            default -> hetzner.reboot(id);
        });
        return ActionView.of(started);
    }

    @Override
    public ActionView action(Principal principal, long id, Optional<VpsConfig> config, long actionId) {
        HetznerClient hetzner = keys.client(principal);
        Action action;
        try {
            action = hetzner.getAction(actionId);
        } catch (HetznerException e) {
            if (e.status() == 404) {
                throw AppException.notFound("ACTION_NOT_FOUND", "No action " + actionId + ".");
            }
            throw HetznerFailures.of(e);
        }
        boolean ofThisServer = action.resources() != null
                && action.resources().stream().anyMatch(r -> "server".equals(r.type()) && r.id() == id);
        if (!ofThisServer) {
            throw AppException.notFound("ACTION_NOT_FOUND", "Server " + id + " has no action " + actionId + ".");
        }
        return ActionView.of(action);
    }

    /** The server if it exists and carries the Xanthus label. */
    private static Optional<Server> managedServer(HetznerClient hetzner, long id) {
        try {
            Server server = hetzner.getServer(id);
            boolean ours = server.labels() != null
                    && LABEL_VALUE.equals(server.labels().get(LABEL_KEY));
            return ours ? Optional.of(server) : Optional.empty();
        } catch (HetznerException e) {
            if (e.status() == 404 || e.is(HetznerException.NOT_FOUND)) {
                return Optional.empty();
            }
            throw HetznerFailures.of(e);
        } catch (TransportException e) {
            throw HetznerFailures.unreachable(e);
        }
    }

    private ServerView view(Server server, VpsConfig config, List<AppRecord> apps, String statusOverride) {
        return HetznerView.of(server, config, apps, statusOverride, clock.instant());
    }
}
