package dev.xanthus.core.server;

import dev.xanthus.clients.hetzner.CreateServerRequest;
import dev.xanthus.clients.hetzner.HetznerClient;
import dev.xanthus.clients.hetzner.HetznerException;
import dev.xanthus.clients.hetzner.Location;
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
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creating a Hetzner server: the request checked against Hetzner's live line-up, the account key ensured in the
 * project, the create sent once with a token label (so a create whose answer was lost is found and adopted, never
 * made twice), and the KV config stored — or the server taken back when it cannot be.
 */
record HetznerCreation(HetznerKeys keys, Clock clock, ServerDirectory directory) {

    static final String IMAGE = "ubuntu-24.04";
    private static final Logger log = LoggerFactory.getLogger(HetznerCreation.class);

    /** Checks the request, then creates the server with a fresh create token and stores its KV config. */
    ServerService.Created create(Principal principal, HetznerServers.CreateRequest request) {
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
                Map.of(HetznerServers.LABEL_KEY, HetznerServers.LABEL_VALUE, HetznerServers.CREATE_LABEL, createToken),
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
        return new ServerService.Created(HetznerView.of(server, config, List.of(), null, clock.instant()), config);
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
            found = Upstreams.hetzner(() -> hetzner.listServers(HetznerServers.CREATE_LABEL + "=" + token));
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

    static void requireNameFree(List<Server> servers, String name) {
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
                    Map.of(HetznerServers.LABEL_KEY, HetznerServers.LABEL_VALUE));
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
}
