package dev.xanthus.core.remote;

/** The commands Xanthus runs on its servers, each built with {@link RemoteCommand} from validated values. */
public final class ServerCommands {

    private ServerCommands() {}

    public static RemoteCommand setupStage() {
        return RemoteCommand.of("cat")
                .literal("/opt/xanthus/status")
                .quietErrors()
                .build();
    }

    public static RemoteCommand info() {
        return RemoteCommand.of("cat")
                .literal("/opt/xanthus/info.txt")
                .quietErrors()
                .build();
    }

    public static RemoteCommand hostname() {
        return RemoteCommand.of("hostname").build();
    }

    public static RemoteCommand isActive(String unit) {
        return RemoteCommand.of("systemctl").literal("is-active").literal(unit).build();
    }

    public static RemoteCommand uptime() {
        return RemoteCommand.of("uptime").literal("-p").build();
    }

    public static RemoteCommand memory() {
        return RemoteCommand.of("free").literal("-m").build();
    }

    public static RemoteCommand disk() {
        return RemoteCommand.of("df").literal("-h").literal("/").build();
    }

    /** {@code lines} comes from {@link RemoteValues#lineCount}. */
    public static RemoteCommand journal(int lines) {
        return RemoteCommand.of("journalctl")
                .literal("-n")
                .value(checked(lines))
                .literal("--no-pager")
                .build();
    }

    public static RemoteCommand unitJournal(String unit, int lines) {
        return RemoteCommand.of("journalctl")
                .literal("-u")
                .literal(unit)
                .literal("-n")
                .value(checked(lines))
                .literal("--no-pager")
                .build();
    }

    public static RemoteCommand unitStatus(String unit) {
        return RemoteCommand.of("systemctl")
                .literal("status")
                .literal(unit)
                .literal("--no-pager")
                .build();
    }

    public static RemoteCommand currentTimeZone() {
        return RemoteCommand.of("timedatectl")
                .literal("show")
                .literal("--property=Timezone")
                .literal("--value")
                .build();
    }

    /** {@code zone} comes from {@link RemoteValues#timeZone}; it is quoted all the same. */
    public static RemoteCommand setTimeZone(String zone) {
        return RemoteCommand.of("timedatectl")
                .literal("set-timezone")
                .value(RemoteValues.timeZone(zone))
                .build();
    }

    private static int checked(int lines) {
        if (lines < 1 || lines > RemoteValues.MAX_LOG_LINES) {
            throw new IllegalArgumentException("line count out of range: " + lines);
        }
        return lines;
    }

    /** Whether the server has apt (the setup is Ubuntu's); the answer is the exit status. */
    public static RemoteCommand hasApt() {
        return RemoteCommand.of("command").literal("-v").literal("apt-get").build();
    }

    /** Whether the login user may run commands as root without a password. */
    public static RemoteCommand passwordlessSudo() {
        return RemoteCommand.of("sudo").literal("-n").literal("true").build();
    }

    /**
     * Run as the VM's own user through {@code sudo -n}: lets root in with the account key only (any earlier line for the
     * same key, such as the cloud image's "Please login as ubuntu" one, is replaced), and installs the template's sshd
     * drop-in (keys only, {@code PermitRootLogin prohibit-password}), then reloads sshd. {@code publicKeyLine} is
     * quoted; the rest are literals.
     */
    public static RemoteCommand rootAccess(String publicKeyLine) {
        String[] parts = publicKeyLine.trim().split("\\s+");
        if (parts.length < 2 || publicKeyLine.contains("\n") || publicKeyLine.contains("\r")) {
            throw new IllegalArgumentException("not an OpenSSH public key line");
        }
        String line = RemoteCommand.quote(publicKeyLine.trim());
        String blob = RemoteCommand.quote(parts[1]);
        String script = "set -eu\numask 077\n"
                + "mkdir -p -m 0700 /root/.ssh\n"
                + "touch /root/.ssh/authorized_keys\n"
                + "{ grep -vF -- " + blob + " /root/.ssh/authorized_keys || true; printf '%s\\n' " + line
                + "; } >/root/.ssh/authorized_keys.xanthus\n"
                + "cat /root/.ssh/authorized_keys.xanthus >/root/.ssh/authorized_keys\n"
                + "rm -f /root/.ssh/authorized_keys.xanthus\n"
                + "chmod 0600 /root/.ssh/authorized_keys\n"
                + CloudInit.write(CloudInit.sshdDropIn())
                + "systemctl reload ssh || systemctl restart ssh || systemctl restart sshd\n";
        return RemoteCommand.of("sudo")
                .literal("-n")
                .literal("bash")
                .literal("-c")
                .value(script)
                .build();
    }

    /**
     * Run as root: the hardened setup of {@link CloudInit}'s template on a server that already runs, started in the
     * background ({@link CloudInit#existingServerScript}); {@code hostname} and {@code timeZone} are validated by the
     * caller and travel quoted.
     */
    public static RemoteCommand setupExisting(String hostname, String timeZone, CloudInit.Provider provider) {
        return RemoteCommand.of("bash")
                .literal("-c")
                .value(CloudInit.existingServerScript(hostname, timeZone, provider))
                .build();
    }

    /** The last lines of the setup's log. */
    public static RemoteCommand setupLogTail(int lines) {
        return RemoteCommand.of("tail")
                .literal("-n")
                .value(checked(lines))
                .literal("/opt/xanthus/setup.log")
                .quietErrors()
                .build();
    }
}
