package dev.xanthus.core.server;

import dev.xanthus.clients.hetzner.Action;
import dev.xanthus.clients.hetzner.CreateServerRequest;
import dev.xanthus.clients.hetzner.HetznerClient;
import dev.xanthus.clients.hetzner.HetznerException;
import dev.xanthus.clients.hetzner.Location;
import dev.xanthus.clients.hetzner.Price;
import dev.xanthus.clients.hetzner.Server;
import dev.xanthus.clients.hetzner.ServerType;
import dev.xanthus.clients.hetzner.SshKey;
import dev.xanthus.clients.http.TransportException;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.remote.CloudInit;
import dev.xanthus.core.remote.RemoteValues;
import dev.xanthus.core.upstream.HetznerFailures;
import dev.xanthus.core.upstream.Upstreams;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hetzner's half of {@link ServerProvider}: the lifecycle of servers labelled {@code managed_by=xanthus} (only those
 * are ever touched), with the user's project key.
 */
public final class HetznerServers implements ServerProvider {

    public static final String LABEL_KEY = "managed_by";
    public static final String LABEL_VALUE = "xanthus";
    public static final String LABEL_SELECTOR = LABEL_KEY + "=" + LABEL_VALUE;
    /** Label with a fresh UUID on every create, to find a server whose create answer was lost. */
    public static final String CREATE_LABEL = "xanthus-create";

    static final String IMAGE = "ubuntu-24.04";
    private static final Logger log = LoggerFactory.getLogger(HetznerServers.class);

    private final HetznerKeys keys;
    private final ServerCatalog catalog;
    private final Clock clock;
    private final ServerDirectory directory;

    public HetznerServers(HetznerKeys keys, ServerCatalog catalog, Clock clock, ServerDirectory directory) {
        this.keys = keys;
        this.catalog = catalog;
        this.clock = clock;
        this.directory = directory;
    }

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
        requireNameFree(Upstreams.hetzner(() -> hetzner.listServers(null)), name);
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
        return create(principal, (CreateRequest) spec);
    }

    public ServerService.Created create(Principal principal, CreateRequest request) {
        String name = RemoteValues.hostname(request.name());
        if (request.location() == null || request.location().isBlank()) {
            throw new AppException.BadRequest("INVALID_LOCATION", "Choose a location.", Map.of("field", "location"));
        }
        if (request.serverType() == null || request.serverType().isBlank()) {
            throw new AppException.BadRequest(
                    "INVALID_SERVER_TYPE", "Choose a server type.", Map.of("field", "serverType"));
        }
        String zone = request.timezone() == null || request.timezone().isBlank()
                ? defaultTimeZone(request.location())
                : RemoteValues.timeZone(request.timezone());
        HetznerClient hetzner = keys.client(principal);
        CompletableFuture<List<Server>> existing =
                Upstreams.async(() -> Upstreams.hetzner(() -> hetzner.listServers(null)));
        CompletableFuture<AccountSshKey> accountKey = Upstreams.async(() -> directory.accountKey(principal));
        CompletableFuture<List<SshKey>> sshKeys = Upstreams.async(() -> Upstreams.hetzner(hetzner::listSshKeys));
        ServerCatalog.Snapshot snapshot = ServerCatalog.Snapshot.load(hetzner);
        requireNameFree(Upstreams.join(existing), name);

        Location location = snapshot.location(request.location())
                .orElseThrow(() -> new AppException.BadRequest(
                        "INVALID_LOCATION",
                        "Unknown location " + request.location() + ".",
                        Map.of("field", "location")));
        ServerOptions.TypeOption offer = snapshot.requireCreatable(request.serverType(), location.name());
        ServerType type = snapshot.type(offer.name()).orElseThrow();

        AccountSshKey key = Upstreams.join(accountKey);
        SshKey hetznerKey = ensureSshKey(hetzner, Upstreams.join(sshKeys), key);
        // A token per create, as a label: if Hetzner carries out the create but its answer is lost, the server is
        // found by it and adopted (or deleted) instead of billing the user unseen.
        String createToken = UUID.randomUUID().toString();
        CreateServerRequest create = new CreateServerRequest(
                name,
                type.name(),
                IMAGE,
                location.name(),
                List.of(hetznerKey.name()),
                CloudInit.render(name, zone, CloudInit.Provider.HETZNER),
                Map.of(LABEL_KEY, LABEL_VALUE, CREATE_LABEL, createToken),
                true);
        Server server = createOrAdopt(hetzner, create, createToken);
        VpsConfig config = new VpsConfig(
                        server.id(),
                        name,
                        type.name(),
                        location.name(),
                        server.ipv4(),
                        (server.created() == null ? clock.instant() : server.created()).toString(),
                        hetznerKey.name(),
                        "root",
                        22,
                        offer.hourlyTotal().doubleValue(),
                        offer.monthlyTotal().doubleValue(),
                        zone,
                        VpsConfig.PROVIDER_HETZNER,
                        Long.toString(server.id()),
                        type.architecture(),
                        null,
                        null,
                        null,
                        null)
                .withCapacity(type.cores(), type.memory(), type.disk());
        try {
            directory.save(principal, config);
        } catch (AppException e) {
            // A server without its config would be invisible to the Go program and half-managed here: take it back.
            try {
                hetzner.deleteServer(server.id());
            } catch (RuntimeException rollback) {
                log.warn("could not roll back server {} after its KV config failed to save", server.id());
            }
            throw e;
        }
        return new ServerService.Created(view(server, config, List.of(), null), config);
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

    /**
     * Sends the create once. When no answer comes back (transport failure) or Hetzner answers 5xx, the request may still
     * have been carried out: the server is looked up by its create token and, if there, used as if the answer had
     * arrived. Only when the lookup finds nothing is the original failure reported.
     */
    private static Server createOrAdopt(HetznerClient hetzner, CreateServerRequest create, String token) {
        RuntimeException failure;
        try {
            return hetzner.createServer(create).server();
        } catch (TransportException e) {
            failure = e;
        } catch (HetznerException e) {
            if (e.status() < 500) {
                throw HetznerFailures.of(e);
            }
            failure = e;
        }
        List<Server> found;
        try {
            found = Upstreams.hetzner(() -> hetzner.listServers(CREATE_LABEL + "=" + token));
        } catch (AppException lookup) {
            // Neither the create nor the lookup answered. A server made meanwhile still carries managed_by=xanthus, so
            // the server list shows it (without a config) and the user can delete it there.
            log.warn(
                    "create of {} failed ({}) and the lookup by its token failed too",
                    create.name(),
                    failure.getClass().getSimpleName());
            throw new AppException.Upstream(
                    "HETZNER_CREATE_UNCONFIRMED",
                    "Hetzner did not confirm the create of "
                            + create.name()
                            + " and could not be asked whether it happened. If the server appears in the list, "
                            + "delete it or keep it; Xanthus will not create it twice.",
                    Map.of("name", create.name()),
                    lookup);
        }
        if (found.isEmpty()) {
            throw failure instanceof HetznerException h
                    ? HetznerFailures.of(h)
                    : HetznerFailures.unreachable((TransportException) failure);
        }
        Server adopted = found.get(0);
        log.info(
                "create of {} lost its answer ({}); adopted server {} found by its create token",
                create.name(),
                failure.getClass().getSimpleName(),
                adopted.id());
        return adopted;
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

    private static void requireNameFree(List<Server> servers, String name) {
        if (servers.stream().anyMatch(s -> s.name().equals(name))) {
            throw new AppException.Conflict(
                    "NAME_TAKEN",
                    "A server named " + name + " already exists in this project.",
                    Map.of("field", "name"));
        }
    }

    /** The account key in Hetzner: found by fingerprint, or added labelled as ours. */
    private static SshKey ensureSshKey(HetznerClient hetzner, List<SshKey> existing, AccountSshKey key) {
        String fingerprint = key.md5Fingerprint();
        Optional<SshKey> found = existing.stream()
                .filter(k -> fingerprint.equals(k.fingerprint()))
                .findFirst();
        if (found.isPresent()) {
            return found.get();
        }
        try {
            return hetzner.createSshKey(
                    "xanthus-key-" + fingerprint.replace(":", "").substring(0, 12),
                    key.publicKeyLine(),
                    Map.of(LABEL_KEY, LABEL_VALUE));
        } catch (HetznerException e) {
            if (e.is(HetznerException.UNIQUENESS_ERROR)) {
                // Added meanwhile by a parallel create: use that one.
                return Upstreams.hetzner(hetzner::listSshKeys).stream()
                        .filter(k -> fingerprint.equals(k.fingerprint()))
                        .findFirst()
                        .orElseThrow(() -> HetznerFailures.of(e));
            }
            throw HetznerFailures.of(e);
        }
    }

    /** The Go program's mapping, without its default of Europe/Athens for unknown places and with Hillsboro fixed. */
    static String defaultTimeZone(String location) {
        return switch (location) {
            case "fsn1", "nbg1" -> "Europe/Berlin";
            case "hel1" -> "Europe/Helsinki";
            case "ash" -> "America/New_York";
            case "hil" -> "America/Los_Angeles";
            case "sin" -> "Asia/Singapore";
            default -> "UTC";
        };
    }

    private ServerView view(Server server, VpsConfig config, List<AppRecord> apps, String statusOverride) {
        long id = server != null ? server.id() : config.serverId();
        BigDecimal hourly = config != null && config.hourlyRate() > 0
                ? BigDecimal.valueOf(config.hourlyRate())
                : listPrice(server, true);
        BigDecimal monthly = config != null && config.monthlyRate() > 0
                ? BigDecimal.valueOf(config.monthlyRate())
                : listPrice(server, false);
        Instant created = server != null && server.created() != null ? server.created() : config.createdInstant();
        int appCount = (int) apps.stream().filter(a -> a.runsOn(id)).count();
        return new ServerView(
                id,
                server != null ? server.name() : config.name(),
                statusOverride != null
                        ? statusOverride
                        : server != null ? server.status().wire() : "missing",
                server != null ? server.ipv4() : config.publicIpv4(),
                server != null
                                && server.publicNet() != null
                                && server.publicNet().ipv6() != null
                        ? server.publicNet().ipv6().ip()
                        : null,
                server != null && server.serverType() != null
                        ? server.serverType().name()
                        : config.serverType(),
                server != null && server.location() != null ? server.location().name() : config.location(),
                server != null && server.serverType() != null
                        ? server.serverType().architecture()
                        : config.architecture(),
                created == null ? null : created.toString(),
                config == null ? null : config.timezone(),
                hourly,
                monthly,
                Costs.soFar(created, clock.instant(), hourly, monthly),
                appCount,
                config != null,
                ServerView.HETZNER);
    }

    private static BigDecimal listPrice(Server server, boolean hourly) {
        if (server == null
                || server.serverType() == null
                || server.serverType().prices() == null
                || server.location() == null) {
            return null;
        }
        return server.serverType().prices().stream()
                .filter(p -> server.location().name().equals(p.location()))
                .findFirst()
                .map(p -> (hourly ? p.priceHourly() : p.priceMonthly()))
                .map(Price.Amount::gross)
                .orElse(null);
    }
}
