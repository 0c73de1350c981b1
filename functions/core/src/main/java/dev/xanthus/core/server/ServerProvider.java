package dev.xanthus.core.server;

import dev.xanthus.core.auth.Principal;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One cloud that runs Xanthus servers (Hetzner, Oracle Cloud). {@link ServerService} picks the implementation from
 * the {@code provider} of the server's KV config, so every VPS route works for either; what happens on the machine
 * itself (SSH, K3s, apps, DNS) is provider-neutral and stays out of here.
 */
public interface ServerProvider {

    /** {@link ServerView#provider()} of this provider's servers. */
    String name();

    /** Whether this provider manages the server {@code config} describes. */
    boolean manages(VpsConfig config);

    /** Whether the user stored credentials for this provider (readable or not); read only when a list needs to know. */
    boolean hasCredentials(Principal principal);

    /**
     * Live views of this provider's Xanthus servers merged with their configs. {@code configs} (only the ones this
     * provider manages) and {@code apps} block until KV has answered: call the provider first, so both run side by
     * side. A provider with no server in KV may answer empty without calling anything; one that must call its cloud
     * throws a 409 whose code ends in {@code _REQUIRED} or {@code _UNREADABLE} when the credentials are missing.
     */
    List<ServerView> list(Principal principal, Supplier<List<VpsConfig>> configs, Supplier<List<AppRecord>> apps);

    /** Creates the server {@code spec} describes; {@code spec} is always this provider's ({@link ServerSpec#provider()}). */
    ServerService.Created create(Principal principal, ServerSpec spec);

    /** The server's live view, or empty when neither the provider nor KV knows it. */
    Optional<ServerView> get(Principal principal, long id, Optional<VpsConfig> config, List<AppRecord> apps);

    /** Deletes the machine and whatever only it used (OCI: the network Xanthus made for it). */
    Destroyed destroy(Principal principal, long id, Optional<VpsConfig> config);

    /** Starts {@code on}, {@code off}, {@code shutdown} or {@code reboot}; the action is followed with {@link #action}. */
    ActionView power(Principal principal, long id, Optional<VpsConfig> config, String action);

    ActionView action(Principal principal, long id, Optional<VpsConfig> config, long actionId);

    /**
     * What a destroy removed at the provider; {@code cleanupJobId} names the job that finishes the rest (OCI: waits for
     * the instance to terminate, then removes the network if no other Xanthus server uses it).
     */
    record Destroyed(boolean serverDeleted, List<String> networkDeleted, String cleanupJobId) {}
}
