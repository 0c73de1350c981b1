package dev.xanthus.core.server;

import dev.xanthus.clients.oci.OciClient;
import dev.xanthus.clients.oci.OciCredentials;
import dev.xanthus.clients.oci.OciException;
import dev.xanthus.clients.oci.OciInstance;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.upstream.OciFailures;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Power for Oracle Cloud servers in Hetzner's words: {@code on}/{@code off}/{@code shutdown}/{@code reboot} become
 * instance actions, and an action's id names the action while the instance's lifecycle state says how far it got.
 */
record OciPower(OciSettings settings, Clock clock) {

    /** Starts {@code on}, {@code off}, {@code shutdown} or {@code reboot} as the matching instance action. */
    ActionView start(Principal principal, long id, Optional<VpsConfig> config, String action) {
        VpsConfig c = config.orElseThrow(() -> ServerDirectory.notFound(id));
        if (OciInstances.addedByAddress(c)) {
            throw new AppException.Unprocessable(
                    "POWER_NOT_AVAILABLE",
                    "This server was added by its address; Xanthus "
                            + "does not know its instance, so power it from the OCI console.",
                    Map.of());
        }
        OciCredentials credentials = settings.credentials(principal);
        OciClient client = settings.client(credentials.withRegion(OciInstances.regionOf(c, credentials)));
        OciInstance instance = OciInstances.instance(client, c)
                .filter(i -> !OciInstance.TERMINATED.equals(i.lifecycleState()))
                .orElseThrow(() -> ServerDirectory.notFound(id));
        Power power = Power.of(action);
        Instant started = clock.instant();
        OciInstance after;
        try {
            after = client.instanceAction(instance.id(), power.ociAction);
        } catch (OciException e) {
            if (e.is(OciException.INCORRECT_STATE) || e.status() == 409) {
                throw AppException.conflict(
                        "SERVER_BUSY",
                        "The server is " + instance.lifecycleState().toLowerCase(Locale.ROOT)
                                + "; Oracle Cloud refused to " + action + " it now.");
            }
            throw OciFailures.of(e);
        } catch (dev.xanthus.clients.http.TransportException e) {
            throw OciFailures.unreachable(e);
        }
        return power.view(after, started, clock.instant());
    }

    /** The action's progress, read off the instance's lifecycle state. */
    ActionView follow(Principal principal, long id, Optional<VpsConfig> config, long actionId) {
        VpsConfig c = config.orElseThrow(() -> ServerDirectory.notFound(id));
        Power power = Power.byId(actionId)
                .orElseThrow(() ->
                        AppException.notFound("ACTION_NOT_FOUND", "Server " + id + " has no action " + actionId + "."));
        OciCredentials credentials = settings.credentials(principal);
        OciClient client = settings.client(credentials.withRegion(OciInstances.regionOf(c, credentials)));
        OciInstance instance = OciInstances.instance(client, c).orElseThrow(() -> ServerDirectory.notFound(id));
        return power.view(instance, null, clock.instant());
    }

    /** Hetzner's power words on OCI's instance actions; the action id names the action, its status the progress. */
    enum Power {
        ON(1, "start_server", OciClient.START, OciInstance.RUNNING),
        OFF(2, "stop_server", OciClient.STOP, OciInstance.STOPPED),
        SHUTDOWN(3, "shutdown_server", OciClient.SOFTSTOP, OciInstance.STOPPED),
        REBOOT(4, "reboot_server", OciClient.SOFTRESET, OciInstance.RUNNING);

        final long id;
        final String command;
        final String ociAction;
        final String target;

        Power(long id, String command, String ociAction, String target) {
            this.id = id;
            this.command = command;
            this.ociAction = ociAction;
            this.target = target;
        }

        static Power of(String action) {
            return switch (action) {
                case "on" -> ON;
                case "off" -> OFF;
                case "shutdown" -> SHUTDOWN;
                default -> REBOOT;
            };
        }

        static Optional<Power> byId(long id) {
            return java.util.Arrays.stream(values()).filter(p -> p.id == id).findFirst();
        }

        ActionView view(OciInstance instance, Instant started, Instant now) {
            String state = instance.lifecycleState();
            boolean done = target.equals(state);
            boolean gone = OciInstance.TERMINATING.equals(state) || OciInstance.TERMINATED.equals(state);
            return new ActionView(
                    id,
                    command,
                    done ? "success" : gone ? "error" : "running",
                    done ? 100 : 50,
                    started,
                    done ? now : null,
                    gone ? "server_gone" : null,
                    gone ? "The instance is " + state.toLowerCase() + "." : null);
        }
    }
}
