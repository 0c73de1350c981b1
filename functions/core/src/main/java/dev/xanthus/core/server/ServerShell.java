package dev.xanthus.core.server;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.xanthus.clients.ssh.CommandResult;
import dev.xanthus.clients.ssh.SshConnector;
import dev.xanthus.clients.ssh.SshException;
import dev.xanthus.clients.ssh.SshSession;
import dev.xanthus.clients.ssh.SshTarget;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.remote.RemoteCommand;
import dev.xanthus.core.remote.RemoteValues;
import dev.xanthus.core.remote.ServerCommands;
import dev.xanthus.core.upstream.SshFailures;
import dev.xanthus.core.upstream.Upstreams;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * What Xanthus reads and changes on a server over SSH: setup progress, health, logs, time zone. Every command comes
 * from {@link ServerCommands}; the host key is pinned at first contact and stored in the server's KV config, and a
 * different key afterwards is refused ({@code HOST_KEY_MISMATCH}).
 */
public final class ServerShell {

    private static final Map<String, String> STAGE_MESSAGES = Map.of(
            "INSTALLING", "Installing system packages and hardening the server",
            "INSTALLING_K3S", "Installing K3s",
            "WAITING_K3S", "Waiting for K3s to become ready",
            "INSTALLING_HELM", "Installing Helm",
            "VERIFYING", "Verifying K3s and Helm",
            "CONFIGURING_TLS", "Configuring TLS",
            "READY", "Ready: K3s and Helm are installed",
            "FAILED", "Setup failed; see the logs");

    private final SshConnector ssh;
    private final SshAddressResolver addresses;
    private final Clock clock;
    private final AddressLookup lookup;
    private final ServerDirectory directory;

    /**
     * Fills in the address of a server that got it after its config was written (Oracle Cloud assigns the public IP
     * once the instance runs); answers the updated config, already stored, or empty while there is none yet.
     */
    @FunctionalInterface
    public interface AddressLookup {
        Optional<VpsConfig> refresh(Principal principal, VpsConfig config);
    }

    public ServerShell(SshConnector ssh, SshAddressResolver addresses, Clock clock, ServerDirectory directory) {
        this(ssh, addresses, clock, directory, (principal, config) -> Optional.empty());
    }

    public ServerShell(
            SshConnector ssh,
            SshAddressResolver addresses,
            Clock clock,
            ServerDirectory directory,
            AddressLookup lookup) {
        this.ssh = ssh;
        this.addresses = addresses;
        this.clock = clock;
        this.directory = directory;
        this.lookup = lookup;
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

    /** Setup progress and health. When SSH does not answer, {@code reachable} is false and the rest is null. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Status(
            boolean reachable,
            String stage,
            String message,
            boolean ready,
            String k3s,
            String uptime,
            Memory memory,
            Disk disk,
            Instant checkedAt) {}

    /** From {@code free -m}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Memory(long totalMb, long usedMb, long availableMb) {}

    /** From {@code df -h /}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Disk(String size, String used, String available, String usePercent) {}

    /** {@code /opt/xanthus/info.txt} and what KV says about the server. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Info(long id, String hostname, String info, VpsConfig config) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Logs(int lines, String journal, String k3sStatus) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record K3sLogs(int lines, String logs) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TimeZone(String current, String configured) {}

    public Status status(Principal principal, long id) {
        try {
            return withServer(principal, id, remote -> {
                String stage = remote.run(ServerCommands.setupStage()).stdout().trim();
                String k3s = remote.run(ServerCommands.isActive("k3s")).stdout().trim();
                String uptime = remote.run(ServerCommands.uptime()).stdout().trim();
                Memory memory = memory(remote.run(ServerCommands.memory()).stdout());
                Disk disk = disk(remote.run(ServerCommands.disk()).stdout());
                String shown = stage.isEmpty() ? "UNKNOWN" : stage;
                return new Status(
                        true,
                        shown,
                        STAGE_MESSAGES.getOrDefault(shown, "Setup has not reported progress yet"),
                        "READY".equals(shown) && "active".equals(k3s),
                        k3s,
                        uptime,
                        memory,
                        disk,
                        clock.instant());
            });
        } catch (AppException.Upstream e) {
            if ("SSH_UNREACHABLE".equals(e.code())) {
                return new Status(
                        false,
                        null,
                        "The server does not answer on SSH (it may be off or still booting).",
                        false,
                        null,
                        null,
                        null,
                        null,
                        clock.instant());
            }
            throw e;
        }
    }

    public Info info(Principal principal, long id) {
        return withServer(
                principal,
                id,
                remote -> new Info(
                        id,
                        remote.run(ServerCommands.hostname()).stdout().trim(),
                        remote.run(ServerCommands.info()).stdout(),
                        remote.config()));
    }

    public Logs logs(Principal principal, long id, String lines) {
        int count = RemoteValues.lineCount(lines);
        return withServer(
                principal,
                id,
                remote -> new Logs(
                        count,
                        remote.run(ServerCommands.journal(count)).stdout(),
                        remote.run(ServerCommands.unitStatus("k3s")).stdout()));
    }

    public K3sLogs k3sLogs(Principal principal, long id, String lines) {
        int count = RemoteValues.lineCount(lines);
        return withServer(
                principal,
                id,
                remote -> new K3sLogs(
                        count,
                        remote.run(ServerCommands.unitJournal("k3s", count)).stdout()));
    }

    public TimeZone timeZone(Principal principal, long id) {
        return withServer(
                principal,
                id,
                remote -> new TimeZone(
                        remote.run(ServerCommands.currentTimeZone()).stdout().trim(),
                        remote.config().timezone()));
    }

    /** Sets the zone with timedatectl, reads it back, and records it in the KV config only when the server agrees. */
    public TimeZone setTimeZone(Principal principal, long id, String zone) {
        String valid = RemoteValues.timeZone(zone);
        return withServer(principal, id, remote -> {
            CommandResult set = remote.run(ServerCommands.setTimeZone(valid));
            String current =
                    remote.run(ServerCommands.currentTimeZone()).stdout().trim();
            if (!set.succeeded() || !valid.equals(current)) {
                throw new AppException.Upstream(
                        "TIMEZONE_NOT_SET",
                        "The server did not accept the time zone " + valid + " (it reports " + current + ").",
                        Map.of(),
                        null);
            }
            VpsConfig updated = remote.config().withTimezone(valid);
            directory.save(principal, updated);
            return new TimeZone(current, valid);
        });
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
            config = withServer(principal, id, Remote::config);
        }
        config = addressed(principal, id, config);
        InetSocketAddress address =
                addresses.resolve(config.publicIpv4(), config.sshPort() > 0 ? config.sshPort() : 22);
        String user = config.sshUser() == null || config.sshUser().isBlank() ? "root" : config.sshUser();
        return new TerminalTarget(
                address.getHostString(),
                address.getPort(),
                user,
                directory.accountKey(principal).privateKeyPem(),
                config.hostKeyFingerprint());
    }

    /** An open connection to one server and its KV config. */
    private record Remote(SshSession session, VpsConfig config) {
        CommandResult run(RemoteCommand command) {
            return session.run(command.line());
        }
    }

    /**
     * Runs {@code work} over one SSH connection to server {@code id} (host key pinned as for every other call), for the
     * applications function's helm and kubectl commands. SSH failures become the same typed errors.
     */
    public <T> T withSession(
            Principal principal, long id, java.util.function.BiFunction<SshSession, VpsConfig, T> work) {
        return withServer(principal, id, remote -> work.apply(remote.session(), remote.config()));
    }

    private <T> T withServer(Principal principal, long id, Function<Remote, T> work) {
        CompletableFuture<AccountSshKey> key = Upstreams.async(() -> directory.accountKey(principal));
        VpsConfig config = directory.require(principal, id);
        AccountSshKey account = Upstreams.join(key);
        config = addressed(principal, id, config);
        InetSocketAddress address =
                addresses.resolve(config.publicIpv4(), config.sshPort() > 0 ? config.sshPort() : 22);
        String user = config.sshUser() == null || config.sshUser().isBlank() ? "root" : config.sshUser();
        SshTarget target = new SshTarget(
                address.getHostString(), address.getPort(), user, account.keyPair(), config.hostKeyFingerprint());
        try (SshSession session = ssh.open(target)) {
            VpsConfig current = config;
            if (config.hostKeyFingerprint() == null) {
                current = config.withHostKey(session.hostKeyFingerprint());
                VpsConfig pinned = current;
                directory.save(principal, pinned);
            }
            return work.apply(new Remote(session, current));
        } catch (SshException e) {
            throw SshFailures.of(e);
        }
    }

    static Memory memory(String free) {
        for (String line : free.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 7 && f[0].equals("Mem:")) {
                try {
                    return new Memory(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[6]));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    static Disk disk(String df) {
        String[] lines = df.trim().split("\n");
        if (lines.length < 2) {
            return null;
        }
        String[] f = lines[lines.length - 1].trim().split("\\s+");
        return f.length >= 5 ? new Disk(f[1], f[2], f[3], f[4]) : null;
    }
}
