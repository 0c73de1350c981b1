package dev.xanthus.clients.hetzner;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Hetzner Cloud API calls Xanthus makes, for one project token. Failures answered by Hetzner throw
 * {@link HetznerException}; an unreachable API throws {@link dev.xanthus.clients.http.TransportException}.
 */
public interface HetznerClient {

    /** Every server matching {@code labelSelector} (null for all), following all pages. */
    List<Server> listServers(String labelSelector);

    Server getServer(long id);

    /** Sent once, never retried: a repeat could create a second server. */
    CreatedServer createServer(CreateServerRequest request);

    Action deleteServer(long id);

    Action powerOn(long id);

    /** Cuts the power at once. */
    Action powerOff(long id);

    /** Asks the OS to shut down (ACPI); the server may take a while to reach {@code off}. */
    Action shutdown(long id);

    Action reboot(long id);

    Action getAction(long id);

    /** Every action of one server, following all pages. */
    List<Action> listServerActions(long serverId);

    /**
     * Polls the action every {@code pollInterval} until it succeeds; throws {@link HetznerException} with the action's
     * error when it fails, or {@link HetznerException#ACTION_TIMEOUT} when {@code timeout} passes first.
     */
    Action awaitAction(long id, Duration pollInterval, Duration timeout);

    List<Location> listLocations();

    /** Every server type, with where it can be created ({@code locations[]}) and its prices. */
    List<ServerType> listServerTypes();

    List<Image> listImages(String name);

    List<SshKey> listSshKeys();

    SshKey createSshKey(String name, String publicKey, Map<String, String> labels);

    Pricing getPricing();
}
