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
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

/**
 * The sandbox servers of one process: each an embedded sshd on 127.0.0.1 behind a synthetic public IPv4 from the
 * documentation ranges, walking through the cloud-init stages like a freshly created Xanthus server.
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
   * {@code stateDir} holds one folder per server (null: a temporary folder removed on close); {@code stageDelays} is
   * how long each stage lasts before the next one (a missing stage passes at once).
   */
  public record Config(Path stateDir, Map<Stage, Duration> stageDelays) {

    public Config {
      stageDelays = Map.copyOf(stageDelays);
    }

    /** About 17 s from INSTALLING to READY, close enough to feel real without a 5-minute wait. */
    public static Config defaults() {
      Map<Stage, Duration> delays = new EnumMap<>(Stage.class);
      delays.put(Stage.INSTALLING, Duration.ofSeconds(3));
      delays.put(Stage.INSTALLING_K3S, Duration.ofSeconds(5));
      delays.put(Stage.WAITING_K3S, Duration.ofSeconds(4));
      delays.put(Stage.INSTALLING_HELM, Duration.ofSeconds(3));
      delays.put(Stage.VERIFYING, Duration.ofSeconds(2));
      return new Config(null, delays);
    }

    /** Every stage before READY lasts {@code delay}. */
    public static Config uniform(Duration delay) {
      Map<Stage, Duration> delays = new EnumMap<>(Stage.class);
      for (Stage stage : Stage.values()) {
        delays.put(stage, delay);
      }
      return new Config(null, delays);
    }

    public Config withStateDir(Path dir) {
      return new Config(dir, stageDelays);
    }
  }

  private final Config config;
  private final Path baseDir;
  private final boolean ownsBaseDir;
  private final ScheduledExecutorService scheduler;
  private final Map<String, SandboxServer> byIp = new ConcurrentHashMap<>();
  private final Map<String, List<ScheduledFuture<?>>> provisioning = new ConcurrentHashMap<>();
  private final AtomicInteger nextHost = new AtomicInteger();
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
      this.baseDir = ownsBaseDir ? Files.createTempDirectory("xanthus-sandbox-servers-")
          : Files.createDirectories(config.stateDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the sandbox servers' folder", e);
    }
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "sandbox-provisioning");
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Creates and powers on a server that lets {@code root} in with any of {@code authorizedKeys} (OpenSSH
   * authorized_keys lines), and starts its cloud-init stages.
   */
  public SandboxServer create(String hostname, List<String> authorizedKeys) {
    return create(hostname, authorizedKeys, SandboxServer.ROOT);
  }

  /**
   * Like {@link #create(String, List)}, but the keys let in {@code loginUser} instead of root (e.g. {@code ubuntu} on
   * cloud images that disable root logins); the shell is the same, with the {@code sudo} shim passing commands on.
   */
  public SandboxServer create(String hostname, List<String> authorizedKeys, String loginUser) {
    return create(hostname, authorizedKeys, List.of(loginUser));
  }

  /** Like {@link #create(String, List, String)}, letting in each of {@code loginUsers} (the first is the image's). */
  public SandboxServer create(String hostname, List<String> authorizedKeys, List<String> loginUsers) {
    List<PublicKey> keys = authorizedKeys.stream().map(AuthorizedKeys::parse).toList();
    String ip = allocateIp();
    ServerFolder folder = ServerFolder.create(baseDir.resolve(ip), hostname);
    SandboxServer server = new SandboxServer(hostname, ip, folder, generateHostKey(), keys, loginUsers);
    folder.enter(Stage.INSTALLING, Instant.now());
    server.powerOn();
    byIp.put(ip, server);
    provisioning.put(ip, scheduleStages(folder));
    return server;
  }

  /**
   * Creates and powers on a bare cloud image, as someone's existing VM is: {@code loginUser} (e.g. {@code ubuntu}, with
   * passwordless sudo) lets in {@code authorizedKeys}, root lets in whatever its {@code ~/.ssh/authorized_keys} comes
   * to hold, and nothing is set up: no stage walk, no K3s, no Helm. Setup scripts run over SSH do that, through
   * shims for apt-get, ufw, iptables and curl (which answers only the K3s and Helm installers and GitHub tag archives), with the absolute
   * Linux paths of each command mapped into the server's folder.
   */
  public SandboxServer createBare(String hostname, List<String> authorizedKeys, String loginUser) {
    authorizedKeys.forEach(AuthorizedKeys::parse);
    if (!loginUser.matches("[a-z_][a-z0-9_-]{0,31}")) {
      throw new IllegalArgumentException("not a Linux user name: " + loginUser);
    }
    String ip = allocateIp();
    ServerFolder folder = ServerFolder.createBare(baseDir.resolve(ip).toAbsolutePath(), hostname, loginUser,
        authorizedKeys);
    SandboxServer server = new SandboxServer(hostname, ip, folder, generateHostKey(), List.of(), List.of(loginUser));
    server.powerOn();
    byIp.put(ip, server);
    provisioning.put(ip, List.of());
    return server;
  }

  /**
   * Like {@link #createBare}, but booted with {@code userData}: the image's cloud-init runs it in the background
   * ({@link CloudInitRun}), and only what the user data writes (e.g. {@code /opt/xanthus/status}) reports the setup.
   */
  public SandboxServer createBare(String hostname, List<String> authorizedKeys, String loginUser, String userData) {
    SandboxServer server = createBare(hostname, authorizedKeys, loginUser);
    Thread thread = new Thread(() -> new CloudInitRun(server.folder(), userData).run(), "sandbox-cloud-init");
    thread.setDaemon(true);
    thread.start();
    return server;
  }

  public Optional<SandboxServer> find(String ip) {
    return Optional.ofNullable(byIp.get(ip));
  }

  /** Where to reach {@code ip}'s sshd from this machine: 127.0.0.1 and the server's own port. */
  public Optional<InetSocketAddress> resolve(String ip) {
    return find(ip).map(SandboxServer::sshAddress);
  }

  /** Stops the server for good and removes its folder. */
  public void delete(String ip) {
    SandboxServer server = byIp.remove(ip);
    if (server == null) {
      return;
    }
    provisioning.remove(ip).forEach(step -> step.cancel(false));
    server.powerOff();
    server.folder().delete();
  }

  @Override
  public void close() {
    new ArrayList<>(byIp.keySet()).forEach(this::delete);
    scheduler.shutdownNow();
    if (ownsBaseDir) {
      try {
        Files.deleteIfExists(baseDir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private List<ScheduledFuture<?>> scheduleStages(ServerFolder folder) {
    List<ScheduledFuture<?>> steps = new ArrayList<>();
    Duration at = Duration.ZERO;
    Stage[] stages = Stage.values();
    for (int i = 1; i < stages.length; i++) {
      at = at.plus(config.stageDelays().getOrDefault(stages[i - 1], Duration.ZERO));
      Stage next = stages[i];
      steps.add(scheduler.schedule(() -> folder.enter(next, Instant.now()), at.toMillis(), TimeUnit.MILLISECONDS));
    }
    return steps;
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
