package dev.xanthus.core.server;

import dev.xanthus.clients.ssh.SshConnector;
import dev.xanthus.clients.ssh.SshException;
import dev.xanthus.clients.ssh.SshSession;
import dev.xanthus.clients.ssh.SshTarget;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.upstream.SshFailures;
import dev.xanthus.core.upstream.Upstreams;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * How Xanthus reaches a server over SSH: its address (looked up when the provider assigned it after the config was
 * written), the account key, and the host key, pinned at first contact in the server's KV config — a different key
 * afterwards is refused ({@code HOST_KEY_MISMATCH}). Every SSH session to a user's server, the terminal's included,
 * starts here; what is run over it is the callers' (health, apps, jobs).
 */
public record ServerAccess(
        SshConnector ssh, SshAddressResolver addresses, ServerDirectory directory, AddressLookup lookup) {

    /**
     * Fills in the address of a server that got it after its config was written (Oracle Cloud assigns the public IP
     * once the instance runs); answers the updated config, already stored, or empty while there is none yet.
     */
    @FunctionalInterface
    public interface AddressLookup {
        Optional<VpsConfig> refresh(Principal principal, VpsConfig config);
    }

    /** {@code ssh} decides the timeouts: the request path's or the jobs' ({@code SshjConnector}). */
    public ServerAccess(SshConnector ssh, SshAddressResolver addresses, ServerDirectory directory) {
        this(ssh, addresses, directory, (principal, config) -> Optional.empty());
    }

    /** How the terminal relay reaches a server: address as seen from here, user, key, and the pinned host key. */
    public record TerminalTarget(String host, int port, String user, String privateKeyPem, String hostKeyFingerprint) {
        @Override
        public String toString() {
            return "TerminalTarget[" + user + "@" + host + ":" + port + "]";
        }
    }

    /**
     * The server's terminal target. The host key is pinned first when it never was (one SSH handshake), so the relay
     * always verifies against a recorded key and never trusts whatever answers.
     */
    public TerminalTarget terminalTarget(Principal principal, long id) {
        VpsConfig config = directory.require(principal, id);
        if (config.hostKeyFingerprint() == null) {
            config = withSession(principal, id, (session, pinned) -> pinned);
        }
        Endpoint endpoint = endpoint(principal, id, config);
        return new TerminalTarget(
                endpoint.address().getHostString(),
                endpoint.address().getPort(),
                endpoint.user(),
                directory.privateKeyPem(principal),
                endpoint.config().hostKeyFingerprint());
    }

    /**
     * Runs {@code work} over one SSH connection to server {@code id}, with the server's KV config as it stands after
     * the host key was pinned. SSH failures become the same typed errors wherever they happen.
     */
    public <T> T withSession(Principal principal, long id, BiFunction<SshSession, VpsConfig, T> work) {
        CompletableFuture<AccountSshKey> key = Upstreams.async(() -> directory.accountKey(principal));
        VpsConfig stored = directory.require(principal, id);
        AccountSshKey account = Upstreams.join(key);
        Endpoint endpoint = endpoint(principal, id, stored);
        VpsConfig config = endpoint.config();
        SshTarget target = new SshTarget(
                endpoint.address().getHostString(),
                endpoint.address().getPort(),
                endpoint.user(),
                account.keyPair(),
                config.hostKeyFingerprint());
        try (SshSession session = ssh.open(target)) {
            VpsConfig current = config;
            if (config.hostKeyFingerprint() == null) {
                current = config.withHostKey(session.hostKeyFingerprint());
                directory.save(principal, current);
            }
            return work.apply(session, current);
        } catch (SshException e) {
            throw SshFailures.of(e);
        }
    }

    /** Where and as whom a server is reached, with the config that says so. */
    private record Endpoint(VpsConfig config, InetSocketAddress address, String user) {}

    private Endpoint endpoint(Principal principal, long id, VpsConfig stored) {
        VpsConfig config = addressed(principal, id, stored);
        InetSocketAddress address =
                addresses.resolve(config.publicIpv4(), config.sshPort() > 0 ? config.sshPort() : 22);
        String user = config.sshUser() == null || config.sshUser().isBlank() ? "root" : config.sshUser();
        return new Endpoint(config, address, user);
    }

    /** The config with a public IPv4, looked up when missing; 409 while an OCI instance has none yet. */
    private VpsConfig addressed(Principal principal, long id, VpsConfig config) {
        if (config.publicIpv4() != null && !config.publicIpv4().isBlank()) {
            return config;
        }
        return lookup.refresh(principal, config)
                .orElseThrow(() -> config.isOci()
                        ? AppException.conflict(
                                "SERVER_STARTING", "Server " + id + " has no public IPv4 yet; it is still starting.")
                        : new AppException.Unprocessable(
                                "NO_PUBLIC_IP", "Server " + id + " has no public IPv4 to reach.", Map.of()));
    }
}
