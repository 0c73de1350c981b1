package dev.xanthus.core.testing;

import dev.xanthus.clients.hetzner.Action;
import dev.xanthus.clients.hetzner.ActionStatus;
import dev.xanthus.clients.hetzner.CreateServerRequest;
import dev.xanthus.clients.hetzner.CreatedServer;
import dev.xanthus.clients.hetzner.HetznerClient;
import dev.xanthus.clients.hetzner.HetznerException;
import dev.xanthus.clients.hetzner.Image;
import dev.xanthus.clients.hetzner.Location;
import dev.xanthus.clients.hetzner.Price;
import dev.xanthus.clients.hetzner.Pricing;
import dev.xanthus.clients.hetzner.Server;
import dev.xanthus.clients.hetzner.ServerStatus;
import dev.xanthus.clients.hetzner.ServerType;
import dev.xanthus.clients.hetzner.SshKey;
import dev.xanthus.clients.http.TransportException;
import java.io.IOException;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small in-memory Hetzner project for unit tests of core services: one location ({@code fsn1}) selling one type
 * ({@code cx22}), servers with labels, SSH keys, and power actions that finish at once. {@link #loseNextCreateAnswer}
 * makes the next create happen but its answer vanish, as a dropped connection would. Not the sandbox's simulator
 * (HTTP, real SSH servers); just enough to tell what a service asked for.
 */
public final class FakeHetzner implements HetznerClient {

    public static final String LOCATION = "fsn1";
    public static final String TYPE = "cx22";

    private final Map<Long, Server> servers = new LinkedHashMap<>();
    private final List<SshKey> sshKeys = new ArrayList<>();
    private final List<String> calls = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong(100);
    private boolean loseNextCreateAnswer;

    private static final Location FSN1 =
            new Location(1, LOCATION, "Falkenstein DC Park 1", "DE", "Falkenstein", 50.47, 12.37, "eu-central");
    private static final Price.Amount HOURLY = new Price.Amount(new BigDecimal("0.0050"), new BigDecimal("0.0060"));
    private static final Price.Amount MONTHLY = new Price.Amount(new BigDecimal("3.19"), new BigDecimal("3.79"));
    private static final ServerType CX22 = new ServerType(
            1,
            TYPE,
            "CX22",
            2,
            4,
            40,
            false,
            null,
            List.of(new Price(LOCATION, HOURLY, MONTHLY, null, null)),
            "local",
            "shared",
            "x86",
            List.of(new ServerType.LocationOffer(1, LOCATION, true, true, null)));

    /** The next create is carried out, but the caller gets a transport failure instead of its answer. */
    public synchronized void loseNextCreateAnswer() {
        loseNextCreateAnswer = true;
    }

    /** A server that exists in the project already, with {@code labels}. */
    public synchronized Server addServer(String name, Map<String, String> labels) {
        Server server = server(ids.incrementAndGet(), name, labels);
        servers.put(server.id(), server);
        return server;
    }

    public synchronized List<Server> servers() {
        return List.copyOf(servers.values());
    }

    /** The calls made, by method name, in order. */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    private static Server server(long id, String name, Map<String, String> labels) {
        return new Server(
                id,
                name,
                ServerStatus.RUNNING,
                Instant.parse("2026-12-04T12:00:00Z"),
                new Server.PublicNet(new Server.Address("203.0.113." + (id % 250), false), null),
                CX22,
                FSN1,
                null,
                Map.copyOf(labels));
    }

    @Override
    public synchronized List<Server> listServers(String labelSelector) {
        calls.add("listServers " + labelSelector);
        return servers.values().stream()
                .filter(s -> labelSelector == null || matches(s, labelSelector))
                .toList();
    }

    private static boolean matches(Server server, String selector) {
        String[] pair = selector.split("=", 2);
        return pair[1].equals(server.labels().get(pair[0]));
    }

    @Override
    public synchronized Server getServer(long id) {
        calls.add("getServer " + id);
        Server server = servers.get(id);
        if (server == null) {
            throw new HetznerException(404, HetznerException.NOT_FOUND, "server not found", Map.of());
        }
        return server;
    }

    @Override
    public synchronized CreatedServer createServer(CreateServerRequest request) {
        calls.add("createServer " + request.name());
        Server server = server(ids.incrementAndGet(), request.name(), request.labels());
        servers.put(server.id(), server);
        if (loseNextCreateAnswer) {
            loseNextCreateAnswer = false;
            throw new TransportException("POST /servers", new IOException("connection reset"));
        }
        return new CreatedServer(server, action("create_server", server.id()), List.of(), null);
    }

    @Override
    public synchronized Action deleteServer(long id) {
        calls.add("deleteServer " + id);
        if (servers.remove(id) == null) {
            throw new HetznerException(404, HetznerException.NOT_FOUND, "server not found", Map.of());
        }
        return action("delete_server", id);
    }

    @Override
    public synchronized Action powerOn(long id) {
        return power("start_server", id);
    }

    @Override
    public synchronized Action powerOff(long id) {
        return power("stop_server", id);
    }

    @Override
    public synchronized Action shutdown(long id) {
        return power("shutdown_server", id);
    }

    @Override
    public synchronized Action reboot(long id) {
        return power("reboot_server", id);
    }

    private Action power(String command, long id) {
        calls.add(command + " " + id);
        return action(command, id);
    }

    private Action action(String command, long serverId) {
        return new Action(
                ids.incrementAndGet(),
                command,
                ActionStatus.SUCCESS,
                100,
                null,
                null,
                List.of(new Action.Resource(serverId, "server")),
                null);
    }

    @Override
    public List<Location> listLocations() {
        return List.of(FSN1);
    }

    @Override
    public List<ServerType> listServerTypes() {
        return List.of(CX22);
    }

    @Override
    public Pricing getPricing() {
        return new Pricing("EUR", "19.00", List.of(), List.of());
    }

    @Override
    public synchronized List<SshKey> listSshKeys() {
        return List.copyOf(sshKeys);
    }

    @Override
    public synchronized SshKey createSshKey(String name, String publicKey, Map<String, String> labels) {
        calls.add("createSshKey " + name);
        SshKey key = new SshKey(ids.incrementAndGet(), name, fingerprintOf(publicKey), publicKey, labels, null);
        sshKeys.add(key);
        return key;
    }

    /** As Hetzner does: MD5 of the key blob, colon-separated hex. */
    private static String fingerprintOf(String publicKey) {
        byte[] blob = Base64.getDecoder().decode(publicKey.trim().split("\\s+")[1]);
        try {
            return HexFormat.ofDelimiter(":")
                    .formatHex(MessageDigest.getInstance("MD5").digest(blob));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Action getAction(long id) {
        throw unsupported();
    }

    @Override
    public List<Action> listServerActions(long serverId) {
        throw unsupported();
    }

    @Override
    public Action awaitAction(long id, Duration pollInterval, Duration timeout) {
        throw unsupported();
    }

    @Override
    public List<Image> listImages(String name) {
        throw unsupported();
    }

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("not part of FakeHetzner; use the sandbox's Hetzner simulator");
    }
}
