package dev.xanthus.core.server;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.xanthus.clients.ssh.CommandResult;
import dev.xanthus.clients.ssh.SshSession;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.remote.RemoteCommand;
import dev.xanthus.core.remote.RemoteValues;
import dev.xanthus.core.remote.ServerCommands;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/**
 * What Xanthus reads and changes on a server itself, over {@link ServerAccess}: setup progress and health, logs, the
 * time zone. Every command comes from {@link ServerCommands}.
 */
public record ServerHealth(ServerAccess access, ServerDirectory directory, Clock clock) {

    private static final Map<String, String> STAGE_MESSAGES = Map.of(
            "INSTALLING", "Installing system packages and hardening the server",
            "INSTALLING_K3S", "Installing K3s",
            "WAITING_K3S", "Waiting for K3s to become ready",
            "INSTALLING_HELM", "Installing Helm",
            "VERIFYING", "Verifying K3s and Helm",
            "CONFIGURING_TLS", "Configuring TLS",
            "READY", "Ready: K3s and Helm are installed",
            "FAILED", "Setup failed; see the logs");

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

    /** An open connection to one server and its KV config. */
    private record Remote(SshSession session, VpsConfig config) {
        CommandResult run(RemoteCommand command) {
            return session.run(command.line());
        }
    }

    private <T> T withServer(Principal principal, long id, Function<Remote, T> work) {
        return access.withSession(principal, id, (session, config) -> work.apply(new Remote(session, config)));
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
