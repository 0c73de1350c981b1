package dev.xanthus.sandbox.ssh;

import dev.xanthus.sandbox.k8s.SandboxK8s;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A sandbox server's filesystem view: a fresh Ubuntu cloud image under one folder, and a {@code bin/} of shims that
 * answer the commands a setup and Xanthus run (apt-get, ufw, curl, journalctl, systemctl, timedatectl, …) from that
 * folder. Nothing is set up beforehand: K3s, Helm and {@code /opt/xanthus/status} exist only once a setup (the
 * server's cloud-init, or one run over SSH) made them.
 */
final class ServerFolder {

    private static final List<String> SHIMS =
            List.of("journalctl", "systemctl", "timedatectl", "uptime", "free", "df", "hostname", "sudo", "curl");
    /** Commands that read or write files: the absolute server paths given to them are mapped into the folder. */
    private static final List<String> PATH_MAPPED =
            List.of("cat", "head", "tail", "ls", "mkdir", "chmod", "rm", "tar", "find");
    /**
     * What a setup installs (the sandbox's K3s and Helm installers put the real stand-ins in place; the apt-get shim
     * this machine's sysstat).
     */
    private static final List<String> NOT_INSTALLED = List.of("k3s", "kubectl", "helm", "sadf", "sar");
    /** Where the systemctl shim records the pid of the sysstat collector it started, and that it is enabled. */
    private static final String COLLECTOR_PID = "run/sysstat-collect.pid";

    private static final String COLLECTOR_ENABLED = "etc/systemd/system/multi-user.target.wants/sysstat.service";
    /** Stand-ins for what a setup calls and cannot run here (no network, no root, no firewall). */
    private static final List<String> SETUP_SHIMS =
            List.of("apt-get", "ufw", "iptables", "netfilter-persistent", "chown");
    /** Where a server's files are: absolute Linux paths in its commands are mapped into its folder. */
    private static final Pattern LINUX_PATHS =
            Pattern.compile("(?<![\\w./+~-])(/opt|/etc|/root|/home|/var|/usr/local|/srv)(?=[/\\s'\";:)|&<>]|$)");

    private static final Pattern SAFE_ROOT = Pattern.compile("[A-Za-z0-9_./-]+");
    private static final DateTimeFormatter JOURNAL_TIME =
            DateTimeFormatter.ofPattern("MMM dd HH:mm:ss", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final Path root;
    private final String hostname;
    private final boolean bare;
    private final Map<String, String> delays;
    private final List<Process> processes = new java.util.concurrent.CopyOnWriteArrayList<>();

    private ServerFolder(Path root, String hostname, boolean bare, Map<String, String> delays) {
        this.root = root;
        this.hostname = hostname;
        this.bare = bare;
        this.delays = Map.copyOf(delays);
    }

    /**
     * Lays out a bare cloud image someone runs already (see {@link #create}): {@code loginUser}'s
     * {@code ~/.ssh/authorized_keys} holds {@code authorizedKeys} and root's is empty; sshd reads those files.
     */
    static ServerFolder createBare(
            Path root, String hostname, String loginUser, List<String> authorizedKeys, Map<String, String> delays) {
        ServerFolder folder = new ServerFolder(root, hostname, true, delays);
        folder.layOut();
        try {
            Path ssh = root.resolve("home").resolve(loginUser).resolve(".ssh");
            Files.createDirectories(ssh);
            Files.createDirectories(root.resolve("root/.ssh"));
            Files.write(ssh.resolve("authorized_keys"), authorizedKeys);
            Files.writeString(root.resolve("root/.ssh/authorized_keys"), "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out bare sandbox server folder " + root, e);
        }
        return folder;
    }

    boolean bare() {
        return bare;
    }

    /**
     * A command with its absolute Linux paths ({@code /opt}, {@code /etc}, {@code /root}, {@code /home},
     * {@code /var}, {@code /usr/local}, {@code /srv}) moved into the folder, so a setup script writes where the server
     * keeps its files and never on this machine; {@code /dev}, {@code /tmp}, {@code /bin} and {@code /usr/bin} stay.
     */
    String mapPaths(String command) {
        return LINUX_PATHS.matcher(command).replaceAll(Matcher.quoteReplacement(root.toString()) + "$1");
    }

    /** Whether {@code key} is in {@code user}'s {@code ~/.ssh/authorized_keys} in this folder (bare servers). */
    boolean authorizes(String user, java.security.PublicKey key) {
        Path file = user.equals("root")
                ? root.resolve("root/.ssh/authorized_keys")
                : root.resolve("home").resolve(user).resolve(".ssh/authorized_keys");
        if (!user.matches("[a-z_][a-z0-9_-]{0,31}") || !Files.isRegularFile(file)) {
            return false;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                try {
                    if (org.apache.sshd.common.config.keys.KeyUtils.compareKeys(
                            AuthorizedKeys.parse(line.trim()), key)) {
                        return true;
                    }
                } catch (IllegalArgumentException notAKey) {
                    // sshd skips lines it cannot read
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Lays out a fresh cloud image as a provider boots it (its sshd lets in the keys the provider was given): shims,
     * hostname, time zone UTC, an empty journal, and the sandbox's own K3s and Helm installers for the curl shim to
     * serve; {@code delays} ({@code XANTHUS_DELAY_*} seconds) are how long the shims' emulated work takes.
     */
    static ServerFolder create(Path root, String hostname, Map<String, String> delays) {
        ServerFolder folder = new ServerFolder(root, hostname, false, delays);
        folder.layOut();
        return folder;
    }

    /** Whether {@code dir} can be spliced into a command unquoted, as {@link #mapPaths} does. */
    static boolean safeRoot(Path dir) {
        return SAFE_ROOT.matcher(dir.toString()).matches();
    }

    private void layOut() {
        ServerFolder folder = this;
        if (!safeRoot(root)) {
            // the folder's path is spliced into commands by mapPaths, unquoted
            throw new IllegalStateException("a sandbox server needs a folder path without spaces or quotes: " + root);
        }
        try {
            for (String dir : List.of("bin", "root", "opt/xanthus", "etc", "run", "var/log", "usr/share/xanthus")) {
                Files.createDirectories(root.resolve(dir));
            }
            for (String shim : SHIMS) {
                folder.installShim(shim, shim);
            }
            folder.installShim("_mapped", "_mapped");
            for (String command : PATH_MAPPED) {
                Files.createSymbolicLink(root.resolve("bin").resolve(command), Path.of("_mapped"));
            }
            // helm and kubectl become links to it once the installers ran
            folder.installShim("_k8s", "_k8s");
            for (String shim : SETUP_SHIMS) {
                folder.installShim(shim, shim);
            }
            for (String tool : NOT_INSTALLED) {
                folder.installShim("_absent", tool);
            }
            for (String installer : List.of("install-k3s.sh", "install-helm.sh")) {
                try (InputStream in = ServerFolder.class.getResourceAsStream("bare/" + installer)) {
                    Files.copy(in, root.resolve("usr/share/xanthus").resolve(installer));
                }
            }
            SandboxK8s.attach(root);
            // what the curl shim serves as codeload.github.com (Xanthus's own chart, fetched at a release tag)
            dev.xanthus.sandbox.releases.GithubArchives.layOut(root.resolve("usr/share/xanthus/github"));
            Files.writeString(root.resolve("etc/hostname"), hostname + "\n");
            Files.writeString(root.resolve("etc/timezone"), "UTC\n");
            Files.write(
                    root.resolve("usr/share/xanthus/zones"),
                    ZoneId.getAvailableZoneIds().stream().sorted().toList());
            Files.writeString(root.resolve("var/log/journal"), "");
            Files.writeString(
                    root.resolve("etc/environment"), "PATH=\"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin\"\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out sandbox server folder " + root, e);
        }
    }

    private void installShim(String resource, String name) throws IOException {
        Path target = root.resolve("bin").resolve(name);
        try (InputStream in = ServerFolder.class.getResourceAsStream("shims/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing shim resource " + resource);
            }
            Files.copy(in, target);
        }
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    Path root() {
        return root;
    }

    /** Root's home, where shells start. */
    Path home() {
        return root.resolve("root");
    }

    /** The environment a shell on this server starts with. */
    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", root.resolve("bin") + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("XANTHUS_ROOT", root.toString());
        env.put("HOME", home().toString());
        env.put("USER", "root");
        env.put("LOGNAME", "root");
        env.put("SHELL", "/bin/bash");
        env.put("LANG", "C.UTF-8");
        env.put("TZ", timezone());
        env.put("PS1", "root@" + hostname + ":\\w# ");
        env.putAll(delays);
        // what the shims' background work (the sysstat collector) watches, so none outlives this JVM
        env.put("XANTHUS_SANDBOX_PID", Long.toString(ProcessHandle.current().pid()));
        return env;
    }

    String timezone() {
        return read("etc/timezone").trim();
    }

    /**
     * The stage the setup wrote to {@code /opt/xanthus/status}, as {@code cat} shows it there; null while no setup
     * wrote one, or when it wrote something else (the setup's ERR trap writes FAILED).
     */
    Stage stage() {
        if (!Files.exists(root.resolve("opt/xanthus/status"))) {
            return null;
        }
        String stage = read("opt/xanthus/status").trim();
        try {
            return Stage.valueOf(stage);
        } catch (IllegalArgumentException notAStage) {
            return null;
        }
    }

    /** Appends {@code entry} ({@code unit[pid]: message}) to the server's journal, stamped now. */
    synchronized void journal(String entry) {
        write("var/log/journal", JOURNAL_TIME.format(Instant.now()) + ' ' + hostname + ' ' + entry + "\n", true);
    }

    void markBooted(Instant at) {
        write("run/booted-at", at.getEpochSecond() + "\n", false);
    }

    /** The owner cloud-init gave {@code linuxPath} ({@code user:group}), kept beside the server's files. */
    synchronized void recordOwner(String linuxPath, String owner) {
        try {
            Files.createDirectories(root.resolve("var/lib/xanthus"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        write("var/lib/xanthus/owners", owner + " " + linuxPath + "\n", true);
    }

    /** The owner last recorded for {@code linuxPath}, or {@code root:root}, which every other file of the image has. */
    String owner(String linuxPath) {
        Path ledger = root.resolve("var/lib/xanthus/owners");
        String owner = "root:root";
        try {
            if (Files.exists(ledger)) {
                for (String line : Files.readAllLines(ledger)) {
                    if (line.endsWith(" " + linuxPath)) {
                        owner = line.substring(0, line.indexOf(' '));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return owner;
    }

    /** A process run on the server's behalf (cloud-init), stopped with its children when the server is deleted. */
    void track(Process process) {
        processes.add(process);
        processes.removeIf(p -> !p.isAlive() && p != process);
    }

    /** Stops what runs on the server's behalf (cloud-init and its children, the collector), as a power cut does. */
    void stopProcesses() {
        for (Process process : processes) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        processes.clear();
        stopCollector();
    }

    /** The sysstat collector the systemctl shim started (it outlives the shim, so no process tree holds it). */
    void stopCollector() {
        Path pid = root.resolve(COLLECTOR_PID);
        try {
            if (Files.exists(pid)) {
                ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).ifPresent(loop -> {
                    loop.descendants().forEach(ProcessHandle::destroy);
                    loop.destroy();
                });
                Files.deleteIfExists(pid);
            }
        } catch (IOException | NumberFormatException e) {
            // a half-written pid file: nothing was started
        }
    }

    /** At boot, as systemd starts enabled units: the sysstat collector, when the setup enabled it. */
    void startEnabledUnits() {
        if (!Files.exists(root.resolve(COLLECTOR_ENABLED))) {
            return;
        }
        ProcessBuilder builder = new ProcessBuilder(
                        root.resolve("bin/systemctl").toString(), "start", "sysstat.service")
                .directory(home().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().putAll(environment());
        try {
            builder.start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether cloud-init got to the end of this instance's boot (its {@code boot-finished} marker): it never runs again. */
    boolean cloudInitFinished() {
        return Files.exists(root.resolve(CloudInitRun.BOOT_FINISHED));
    }

    void delete() {
        stopProcesses();
        SandboxK8s.detach(root);
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete sandbox server folder " + root, e);
        }
    }

    private String read(String path) {
        try {
            return Files.readString(root.resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String path, String text, boolean append) {
        try {
            Files.writeString(
                    root.resolve(path),
                    text,
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
