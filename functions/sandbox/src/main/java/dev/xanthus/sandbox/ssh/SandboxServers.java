package dev.xanthus.sandbox.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

/**
 * The sandbox servers of one process: each an embedded sshd on 127.0.0.1 behind a synthetic public IPv4 from the
 * documentation ranges, booting a fresh cloud image that runs the user data it was created with (cloud-init's
 * {@code write_files}, packages through the apt-get shim, {@code runcmd}; see {@link CloudInitRun}). Its setup stages
 * are whatever that user data writes to {@code /opt/xanthus/status}: nothing here advances them.
 */
public final class SandboxServers implements AutoCloseable {

    /** Documentation ranges (RFC 5737): never routed, so a synthetic address cannot reach a real host. */
    public static final List<String> DOCUMENTATION_RANGES = List.of("203.0.113.", "198.51.100.", "192.0.2.");
    /**
     * The benchmarking range (RFC 2544, 198.18.0.0/15), also never routed publicly: for a second simulator in the same
     * process, so its addresses never collide with the first one's.
     */
    public static final List<String> BENCHMARK_RANGES = List.of("198.18.0.", "198.18.1.", "198.18.2.", "198.18.3.");

    /**
     * How long the emulated work of a setup takes on a sandbox server: each {@code apt-get} update, upgrade or install
     * ({@code packages}), the K3s installer ({@code k3s}) and Helm's ({@code helm}). They are sleeps in the shims the
     * setup calls, so a setup's stages last as its own commands make them last. {@code samples} is how often the real
     * sysstat collector ({@code sadc}) the setup switches on samples: a minute as on a real server (the setup's timer),
     * or a second in tests, so a chart has points at once.
     */
    public record Delays(Duration packages, Duration k3s, Duration helm, Duration samples) {

        /** Samples every second. */
        public Delays(Duration packages, Duration k3s, Duration helm) {
            this(packages, k3s, helm, Duration.ofSeconds(1));
        }

        /**
         * What the shims' environment carries: {@code XANTHUS_DELAY_APT}, {@code _K3S}, {@code _HELM}, in seconds, and
         * {@code XANTHUS_SYSSTAT_INTERVAL} (whole seconds, at least 1: sadc's interval).
         */
        Map<String, String> environment() {
            return Map.of(
                    "XANTHUS_DELAY_APT",
                    seconds(packages),
                    "XANTHUS_DELAY_K3S",
                    seconds(k3s),
                    "XANTHUS_DELAY_HELM",
                    seconds(helm),
                    "XANTHUS_SYSSTAT_INTERVAL",
                    Long.toString(Math.max(1, samples.toSeconds())));
        }

        private static String seconds(Duration d) {
            return d.isZero() || d.isNegative()
                    ? "0"
                    : String.format(java.util.Locale.ROOT, "%d.%03d", d.toSeconds(), d.toMillisPart());
        }
    }

    /** {@code stateDir} holds one folder per server (null: a temporary folder removed on close). */
    public record Config(Path stateDir, Delays delays) {

        /**
         * About 17 s of setup for Xanthus's cloud-init (3 apt-get runs of 2 s, K3s 8 s, Helm 3 s), close enough to feel
         * real without a 5-minute wait; metrics sampled once a minute, as on a real server.
         */
        public static Config defaults() {
            return new Config(
                    null,
                    new Delays(
                            Duration.ofSeconds(2),
                            Duration.ofSeconds(8),
                            Duration.ofSeconds(3),
                            Duration.ofMinutes(1)));
        }

        /** No emulated delay at all: a setup takes only as long as its commands run (tests). */
        public static Config instant() {
            return uniform(Duration.ZERO);
        }

        /** Every emulated step takes {@code delay}. */
        public static Config uniform(Duration delay) {
            return new Config(null, new Delays(delay, delay, delay));
        }

        public Config withStateDir(Path dir) {
            return new Config(dir, delays);
        }
    }

    private final Config config;
    private final Path baseDir;
    private final boolean ownsBaseDir;
    private final Path link;
    private final Map<String, SandboxServer> byIp = new ConcurrentHashMap<>();
    private final AtomicInteger nextHost = new AtomicInteger();
    private final AtomicReference<UnaryOperator<String>> nextUserData = new AtomicReference<>();
    private final List<String> ipRanges;

    public SandboxServers(Config config) {
        this(config, DOCUMENTATION_RANGES);
    }

    /** @param ipRanges /24 prefixes ({@code "203.0.113."}) the servers' synthetic public IPv4s come from, in order */
    public SandboxServers(Config config, List<String> ipRanges) {
        this.config = config;
        this.ipRanges = List.copyOf(ipRanges);
        try {
            this.ownsBaseDir = config.stateDir() == null;
            Path dir = (ownsBaseDir
                            ? Files.createTempDirectory("xanthus-sandbox-servers-")
                            : Files.createDirectories(config.stateDir()))
                    .toAbsolutePath();
            if (ServerFolder.safeRoot(dir)) {
                this.baseDir = dir;
                this.link = null;
            } else {
                // a folder path with spaces (a checkout in "My Projects") cannot be spliced into the servers' commands:
                // they
                // reach it through a link whose path can
                this.link = Files.createSymbolicLink(
                        Files.createTempDirectory("xanthus-sandbox-link-").resolve("servers"), dir);
                this.baseDir = link;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the sandbox servers' folder", e);
        }
    }

    /**
     * Creates and powers on a server without user data that lets {@code root} in with any of {@code authorizedKeys}
     * (OpenSSH authorized_keys lines): a plain cloud image, nothing set up.
     */
    public SandboxServer create(String hostname, List<String> authorizedKeys) {
        return create(hostname, authorizedKeys, SandboxServer.ROOT);
    }

    /**
     * Like {@link #create(String, List)}, but the keys let in {@code loginUser} instead of root (e.g. {@code ubuntu} on
     * cloud images that disable root logins); the shell is the same, with the {@code sudo} shim passing commands on.
     */
    public SandboxServer create(String hostname, List<String> authorizedKeys, String loginUser) {
        return create(hostname, authorizedKeys, List.of(loginUser), null);
    }

    /**
     * Creates and powers on a server letting each of {@code loginUsers} (the first is the image's) in with
     * {@code authorizedKeys}, booted with {@code userData} (null: none), which its cloud-init runs in the background.
     */
    public SandboxServer create(
            String hostname, List<String> authorizedKeys, List<String> loginUsers, String userData) {
        SandboxServer server = provision(hostname, authorizedKeys, loginUsers, userData);
        server.powerOn();
        return server;
    }

    /**
     * Like {@link #create(String, List, List, String)}, but left powered off, as a provider's machine is until it
     * starts: the user data runs at its first {@link SandboxServer#powerOn()}.
     */
    public SandboxServer provision(
            String hostname, List<String> authorizedKeys, List<String> loginUsers, String userData) {
        List<PublicKey> keys =
                authorizedKeys.stream().map(AuthorizedKeys::parse).toList();
        UnaryOperator<String> change = nextUserData.getAndSet(null);
        String booted = change != null && userData != null ? change.apply(userData) : userData;
        String ip = allocateIp();
        ServerFolder folder = ServerFolder.create(
                baseDir.resolve(ip), hostname, config.delays().environment());
        SandboxServer server = new SandboxServer(hostname, ip, folder, generateHostKey(), keys, loginUsers, booted);
        byIp.put(ip, server);
        return server;
    }

    /**
     * Steering for tests: the next server {@link #provision}ed (e.g. by a simulated {@code POST /servers}) boots with
     * {@code change} applied to its user data, as if the script had a defect, so a test can watch a broken setup
     * through the API that made it. Used once.
     */
    public void alterNextUserData(UnaryOperator<String> change) {
        nextUserData.set(change);
    }

    /**
     * Creates and powers on a bare cloud image, as someone's existing VM is: {@code loginUser} (e.g. {@code ubuntu}, with
     * passwordless sudo) lets in {@code authorizedKeys}, root lets in whatever its {@code ~/.ssh/authorized_keys} comes
     * to hold, and nothing is set up: no K3s, no Helm. Setup scripts run over SSH do that, through
     * shims for apt-get, ufw, iptables and curl (which answers only the K3s and Helm installers and GitHub tag archives), with the absolute
     * Linux paths of each command mapped into the server's folder.
     */
    public SandboxServer createBare(String hostname, List<String> authorizedKeys, String loginUser) {
        return createBare(hostname, authorizedKeys, loginUser, null);
    }

    /**
     * Like {@link #createBare}, but booted with {@code userData}: the image's cloud-init runs it in the background
     * ({@link CloudInitRun}), and only what the user data writes (e.g. {@code /opt/xanthus/status}) reports the setup.
     */
    public SandboxServer createBare(String hostname, List<String> authorizedKeys, String loginUser, String userData) {
        authorizedKeys.forEach(AuthorizedKeys::parse);
        if (!loginUser.matches("[a-z_][a-z0-9_-]{0,31}")) {
            throw new IllegalArgumentException("not a Linux user name: " + loginUser);
        }
        String ip = allocateIp();
        ServerFolder folder = ServerFolder.createBare(
                baseDir.resolve(ip),
                hostname,
                loginUser,
                authorizedKeys,
                config.delays().environment());
        SandboxServer server =
                new SandboxServer(hostname, ip, folder, generateHostKey(), List.of(), List.of(loginUser), userData);
        byIp.put(ip, server);
        server.powerOn();
        return server;
    }

    public Optional<SandboxServer> find(String ip) {
        return Optional.ofNullable(byIp.get(ip));
    }

    /** Where to reach {@code ip}'s sshd from this machine: 127.0.0.1 and the server's own port. */
    public Optional<InetSocketAddress> resolve(String ip) {
        return find(ip).map(SandboxServer::sshAddress);
    }

    /** Stops the server for good (its cloud-init included) and removes its folder. */
    public void delete(String ip) {
        SandboxServer server = byIp.remove(ip);
        if (server == null) {
            return;
        }
        server.powerOff();
        server.folder().delete();
    }

    @Override
    public void close() {
        new ArrayList<>(byIp.keySet()).forEach(this::delete);
        try {
            if (link != null) {
                Path real = link.toRealPath();
                Files.deleteIfExists(link);
                Files.deleteIfExists(link.getParent());
                if (ownsBaseDir) {
                    Files.deleteIfExists(real);
                }
            } else if (ownsBaseDir) {
                Files.deleteIfExists(baseDir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String allocateIp() {
        int n = nextHost.getAndIncrement();
        if (n >= ipRanges.size() * 254) {
            throw new IllegalStateException("no synthetic IPv4 addresses left for sandbox servers");
        }
        return ipRanges.get(n / 254) + (n % 254 + 1);
    }

    private static KeyPair generateHostKey() {
        try {
            return KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an ed25519 host key", e);
        }
    }
}
