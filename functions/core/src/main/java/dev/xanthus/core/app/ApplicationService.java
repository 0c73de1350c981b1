package dev.xanthus.core.app;

import dev.xanthus.clients.cloudflare.CloudflareClient;
import dev.xanthus.clients.cloudflare.DnsRecord;
import dev.xanthus.core.app.catalog.Catalog;
import dev.xanthus.core.app.catalog.CatalogApp;
import dev.xanthus.core.auth.AuthService;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.crypto.GoTokenCipher;
import dev.xanthus.core.dns.DnsRecords;
import dev.xanthus.core.dns.DomainName;
import dev.xanthus.core.dns.DomainSslConfig;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.job.Job;
import dev.xanthus.core.job.JobRepository;
import dev.xanthus.core.job.JobRunner;
import dev.xanthus.core.job.JobStarter;
import dev.xanthus.core.kv.KvStore;
import dev.xanthus.core.lock.Leases;
import dev.xanthus.core.remote.RemoteValues;
import dev.xanthus.core.server.PortForward;
import dev.xanthus.core.server.ServerCapacity;
import dev.xanthus.core.server.ServerService;
import dev.xanthus.core.server.ServerShell;
import dev.xanthus.core.upstream.Upstreams;
import dev.xanthus.core.server.VpsConfig;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Applications: validation and KV records at request time, jobs for deploy / upgrade / delete ({@link AppJobs}), and
 * the per-app reads and changes (passwords, tokens, port-forwards) over SSH.
 */
public final class ApplicationService {

  private static final String HOST_LEASE = "host:";
  private static final String APP_LEASE = "app:";
  static final Duration DEFAULT_TOKEN = Duration.ofHours(24);
  static final Duration MAX_TOKEN = Duration.ofDays(365);
  private static final Pattern DURATION = Pattern.compile("([0-9]{1,7})(s|m|h|d)");
  private static final SecureRandom RANDOM = new SecureRandom();

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ApplicationService.class);

  private final Catalog catalog;
  private final VersionService versions;
  private final ServerShell shell;
  private final JobRepository jobs;
  private final JobStarter starter;
  private final AuthService auth;
  private final Leases leases;
  private final Clock clock;
  private final ServerCapacity capacities;

  public ApplicationService(Catalog catalog, VersionService versions, ServerShell shell, JobRepository jobs,
      JobRunner runner, AuthService auth, Leases leases, Clock clock, ServerCapacity capacities) {
    this.catalog = catalog;
    this.versions = versions;
    this.shell = shell;
    this.jobs = jobs;
    this.starter = new JobStarter(jobs, runner, clock);
    this.auth = auth;
    this.leases = leases;
    this.clock = clock;
    this.capacities = capacities;
  }

  public record CreateRequest(String name, String description, String appType, String subdomain, String domain,
      String vpsId, String version) {}

  /**
   * A started job. {@code capacityNote} is set when a deploy could not check whether the app fits (the server's size
   * is unknown): the deploy goes ahead, and the user is told instead of the check being skipped silently.
   */
  public record Accepted(Application application, String jobId, String capacityNote) {

    Accepted(Application application, String jobId) {
      this(application, jobId, null);
    }

    Accepted withCapacityNote(String note) {
      return new Accepted(application, jobId, note);
    }
  }

  /** A server an app can go on; {@code capacity} null when its size is unknown here (a deploy checks again). */
  public record ServerChoice(long id, String name, String serverType, String ipv4, ServerCapacity.Capacity capacity) {}

  public record Prerequisites(List<String> domains, List<ServerChoice> servers, List<CatalogApp> catalog) {}

  public record Password(String appId, String password) {}

  public record Token(String appId, String token, String serviceAccount, long durationSeconds, Instant expiresAt) {}

  public record PortForwardRequest(Integer port, String subdomain) {}

  // ---------------------------------------------------------------- reads

  public Prerequisites prerequisites(Principal principal) {
    KvStore kv = principal.kv();
    List<String> keys = Upstreams.kv(() -> kv.keys(null));
    List<String> domains = keys.stream().filter(k -> k.startsWith("domain:") && k.endsWith(":ssl_config"))
        .map(k -> k.substring("domain:".length(), k.length() - ":ssl_config".length())).sorted().toList();
    List<String> configKeys = keys.stream().filter(k -> k.startsWith("vps:") && k.endsWith(":config")).toList();
    Map<String, VpsConfig> configs = Upstreams.kv(() -> kv.getAll(configKeys, VpsConfig.class));
    CompletableFuture<Map<Long, ServerCapacity.Capacity>> sizes =
        Upstreams.async(() -> capacities.ofAll(principal, configs.values()));
    List<CompletableFuture<Optional<ServerChoice>>> checks = new ArrayList<>();
    for (VpsConfig config : configs.values()) {
      checks.add(Upstreams.async(() -> ready(principal, config.serverId())
          ? Optional.of(new ServerChoice(config.serverId(), config.name(), config.serverType(), config.publicIpv4(),
              Upstreams.join(sizes).get(config.serverId())))
          : Optional.empty()));
    }
    List<ServerChoice> servers = checks.stream().map(Upstreams::join).flatMap(Optional::stream).toList();
    return new Prerequisites(domains, servers, catalog.all());
  }

  /**
   * Every app of the account from KV — one key listing and one bulk read per 100 apps, so 50 apps cost two Cloudflare
   * calls; no SSH — with the state of unfinished jobs.
   */
  public List<Application> list(Principal principal) {
    KvStore kv = principal.kv();
    List<String> keys = Upstreams.kv(() -> kv.keys(dev.xanthus.core.server.AppRecord.PREFIX)).stream()
        .filter(dev.xanthus.core.server.AppRecord::isAppKey).toList();
    Map<String, Application> apps = Upstreams.kv(() -> kv.getAll(keys, Application.class));
    return apps.values().stream().map(this::live).toList();
  }

  public Application get(Principal principal, String id) {
    return live(require(principal, id));
  }

  /** An app in progress whose job failed (e.g. its worker died) reads as failed with the job's reason. */
  private Application live(Application app) {
    boolean inProgress = Application.CREATING.equals(app.status()) || Application.UPDATING.equals(app.status())
        || Application.DELETING.equals(app.status());
    if (!inProgress || app.jobId() == null || !app.jobId().matches("[A-Za-z0-9-]{1,64}")) {
      return app;
    }
    Optional<Job> job = jobs.find(app.jobId());
    if (job.isPresent() && job.get().status() == Job.Status.FAILED) {
      return app.withStatus(Application.FAILED, job.get().error(), app.updatedAt());
    }
    return app;
  }

  Application require(Principal principal, String id) {
    String valid = appId(id);
    try {
      return Upstreams.kv(() -> principal.kv().get(Application.kvKey(valid), Application.class))
          .orElseThrow(() -> AppException.notFound("APP_NOT_FOUND", "There is no application " + valid + "."));
    } catch (KvStore.KvFormatException e) {
      throw new AppException.Unprocessable("APP_RECORD_UNREADABLE", "The stored application is not readable.",
          Map.of());
    }
  }

  static String appId(String id) {
    if (id == null || !id.matches("app-[a-z0-9-]{1,40}")) {
      throw AppException.badRequest("INVALID_APP_ID", "An application id looks like app-1a2b3c4d5e6f.");
    }
    return id;
  }

  // ---------------------------------------------------------------- create / upgrade / delete

  public Accepted create(Principal principal, CreateRequest request) {
    if (request == null) {
      throw AppException.badRequest("INVALID_BODY", "Send a JSON body.");
    }
    String name = text(request.name(), "name", 1, 64);
    String description = request.description() == null ? "" : text(request.description(), "description", 0, 500);
    CatalogApp app = catalog.find(request.appType()).orElseThrow(() -> new AppException.BadRequest(
        "INVALID_APP_TYPE", "appType must be one of the catalog's ids.", Map.of("field", "appType")));
    String subdomain = RemoteValues.subdomain(request.subdomain(), "subdomain");
    String domain = DomainName.require(request.domain());
    long serverId = serverId(request.vpsId());
    String requested = request.version() == null || request.version().isBlank() ? null
        : RemoteValues.version(request.version());
    String release = (subdomain.isEmpty() ? "apex" : subdomain) + "-" + app.id();
    if (release.length() > 53) {
      throw new AppException.BadRequest("SUBDOMAIN_TOO_LONG", "The subdomain may have at most "
          + (52 - app.id().length()) + " characters for " + app.name() + ".", Map.of("field", "subdomain"));
    }
    String host = subdomain.isEmpty() ? domain : subdomain + "." + domain;
    // two requests claiming one host (two creates, a create and a port-forward) take turns: both would pass
    // checkHostFree before either wrote its record
    return leases.exclusive(principal.accountId(), HOST_LEASE + host, host, () -> {
      KvStore kv = principal.kv();
      CompletableFuture<Boolean> managed = Upstreams.async(() ->
          Upstreams.kv(() -> kv.getRaw(DomainSslConfig.kvKey(domain))).isPresent());
      CompletableFuture<List<Application>> others = Upstreams.async(() -> list(principal));
      VpsConfig server = ServerService.config(principal, serverId).orElseThrow(() -> ServerService.notFound(serverId));
      if (!Upstreams.join(managed)) {
        throw new AppException.Unprocessable("DOMAIN_NOT_MANAGED", domain + " is not managed by Xanthus; configure it "
            + "under Domains first.", Map.of("field", "domain"));
      }
      List<AppVersion> available = versions.versions(app.id());
      String version = requested == null ? available.get(0).version() : requested;
      if (available.stream().noneMatch(r -> r.version().equals(version))) {
        throw new AppException.Unprocessable("VERSION_NOT_AVAILABLE", version + " is not an installable version of "
            + app.name() + ".", Map.of("field", "version"));
      }
      List<Application> existing = Upstreams.join(others);
      checkHostFree(principal, existing, host, domain, null);
      List<Application> onServer = existing.stream().filter(a -> a.serverId() == serverId).toList();
      if (onServer.stream().anyMatch(a -> a.release().equals(release) && app.id().equals(a.appType()))) {
        throw AppException.conflict("RELEASE_EXISTS", "Server " + serverId + " already runs " + release + ".");
      }
      if (app.id().equals("argocd") && onServer.stream().anyMatch(a -> "argocd".equals(a.appType()))) {
        throw AppException.conflict("ARGOCD_EXISTS", "Argo CD runs at most once per server.");
      }
      String capacityNote = checkCapacity(principal, app, server, onServer);
      if (!ready(principal, serverId)) {
        throw new AppException.Unprocessable("SERVER_NOT_READY", "Server " + serverId + " is not ready (K3s and Helm "
            + "must be installed and the server reachable).", Map.of("field", "vpsId"));
      }
      String now = now();
      String id = "app-" + HexFormat.of().formatHex(random(6));
      Application record = new Application(id, name, description, app.id(), version, subdomain, domain,
          Long.toString(serverId), server.name(), app.helmChart().namespace(), Application.CREATING, null,
          "https://" + host, now, now, app.helmChart().chart(), AppRemote.chartVersion(app, version), null);
      Map<String, String> secrets = new LinkedHashMap<>();
      if (app.id().equals("open-webui")) {
        secrets.put(AppJobs.SECRET_KEY, HexFormat.of().formatHex(random(32)));
      }
      return startJob(principal, record, AppJobs.DEPLOY, Application.CREATING, Map.of(AppJobs.VERSION, version),
          secrets).withCapacityNote(capacityNote);
    });
  }

  public Accepted upgrade(Principal principal, String id, String requestedVersion) {
    String version = RemoteValues.version(requestedVersion);
    // upgrades and deletes of one app take turns, so two at once cannot both find it idle and start two jobs
    return leases.exclusive(principal.accountId(), APP_LEASE + appId(id), id, () -> {
      Application app = require(principal, id);
      busy(app);
      if (!versions.isAvailable(app.appType(), version)) {
        throw new AppException.Unprocessable("VERSION_NOT_AVAILABLE", version + " is not an installable version of "
            + app.appType() + ".", Map.of("field", "version"));
      }
      return startJob(principal, app, AppJobs.UPGRADE, Application.UPDATING, Map.of(AppJobs.VERSION, version),
          Map.of());
    });
  }

  public Accepted delete(Principal principal, String id, boolean purgeData) {
    return leases.exclusive(principal.accountId(), APP_LEASE + appId(id), id, () -> {
      Application app = require(principal, id);
      if (app.jobId() != null && Application.DELETING.equals(app.status())) {
        Optional<Job> running = jobs.find(app.jobId()).filter(j -> !j.finished());
        if (running.isPresent()) {
          return new Accepted(app, running.get().id());
        }
      }
      return startJob(principal, app, AppJobs.DELETE, Application.DELETING,
          Map.of(AppJobs.PURGE, Boolean.toString(purgeData)), Map.of());
    });
  }

  private void busy(Application app) {
    boolean inProgress = Application.CREATING.equals(app.status()) || Application.UPDATING.equals(app.status())
        || Application.DELETING.equals(app.status());
    if (inProgress && app.jobId() != null && jobs.find(app.jobId()).filter(j -> !j.finished()).isPresent()) {
      throw AppException.conflict("APP_BUSY", "The application has a job in progress (" + app.jobId() + ").");
    }
  }

  private Accepted startJob(Principal principal, Application app, String kind, String status,
      Map<String, String> params, Map<String, String> extraSecrets) {
    // The app record names its job before the job exists, so a worker never finds a job its app does not know.
    String jobId = java.util.UUID.randomUUID().toString();
    Application updated = app.withJob(jobId, status, now());
    Upstreams.kvRun(() -> principal.kv().put(Application.kvKey(app.id()), updated));
    starter.start(principal, jobId, kind, app.id(), AppJobs.steps(kind), params, extraSecrets);
    return new Accepted(updated, jobId);
  }

  // ---------------------------------------------------------------- passwords and tokens

  public Password password(Principal principal, String id) {
    Application app = running(principal, id);
    return switch (app.appType()) {
      case "code-server" -> new Password(app.id(), withSsh(principal, app, r -> r.codeServerPassword(app)));
      case "argocd" -> new Password(app.id(), storedPassword(principal, app)
          .orElseGet(() -> withSsh(principal, app, r -> r.secretValue("argocd-initial-admin-secret", app.namespace(),
              "password"))));
      default -> throw notSupported(app, "passwords");
    };
  }

  public Password changePassword(Principal principal, String id, String newPassword) {
    String password = RemoteValues.password(newPassword);
    Application app = running(principal, id);
    switch (app.appType()) {
      case "code-server" -> withSsh(principal, app, r -> {
        r.setCodeServerPassword(app, password);
        return null;
      });
      case "argocd" -> {
        String hash = OpenBSDBCrypt.generate("2a", password.toCharArray(), random(16), 10);
        String mtime = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        withSsh(principal, app, r -> {
          r.setArgoCdPassword(app.namespace(), hash, mtime);
          return null;
        });
        storePassword(principal, app.id(), password);
      }
      default -> throw notSupported(app, "passwords");
    }
    return new Password(app.id(), null);
  }

  public Token token(Principal principal, String id, String duration) {
    long seconds = durationSeconds(duration);
    Application app = running(principal, id);
    if (!"headlamp".equals(app.appType())) {
      throw notSupported(app, "tokens");
    }
    String serviceAccount = app.release();
    String token = withSsh(principal, app, r -> r.token(serviceAccount, app.namespace(), seconds));
    return new Token(app.id(), token, serviceAccount, seconds, clock.instant().plusSeconds(seconds));
  }

  static long durationSeconds(String duration) {
    if (duration == null || duration.isBlank()) {
      return DEFAULT_TOKEN.toSeconds();
    }
    Matcher m = DURATION.matcher(duration);
    long seconds = -1;
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      seconds = switch (m.group(2)) {
        case "s" -> n;
        case "m" -> n * 60;
        case "h" -> n * 3600;
        default -> n * 86400;
      };
    }
    if (seconds < 600 || seconds > MAX_TOKEN.toSeconds()) {
      throw new AppException.BadRequest("INVALID_DURATION", "duration is a number with s, m, h or d (e.g. 24h), from "
          + "10 minutes to 1 year.", Map.of("field", "duration"));
    }
    return seconds;
  }

  Optional<String> storedPassword(Principal principal, String appId) {
    return storedPassword(principal, require(principal, appId));
  }

  private Optional<String> storedPassword(Principal principal, Application app) {
    Optional<Map> stored = Upstreams.kv(() -> {
      try {
        return principal.kv().get(passwordKey(app.id()), Map.class);
      } catch (KvStore.KvFormatException e) {
        return Optional.<Map>empty();
      }
    });
    return stored.map(m -> m.get("password")).filter(String.class::isInstance).map(String.class::cast)
        .flatMap(sealed -> {
          try {
            return Optional.of(new GoTokenCipher(principal.cloudflareToken()).decrypt(sealed));
          } catch (RuntimeException e) {
            return Optional.empty();
          }
        });
  }

  /** KV {@code app:<id>:password} as the Go program wrote it: AES-GCM under the token-derived key. */
  static void storePassword(Principal principal, String appId, String password) {
    String sealed = new GoTokenCipher(principal.cloudflareToken()).encrypt(password);
    Upstreams.kvRun(() -> principal.kv().put(passwordKey(appId), Map.of("password", sealed)));
  }

  static String passwordKey(String appId) {
    return "app:" + appId + ":password";
  }

  // ---------------------------------------------------------------- port-forwards

  public List<PortForward> portForwards(Principal principal, String id) {
    Application app = require(principal, id);
    return forwards(principal, app.id());
  }

  public PortForward addPortForward(Principal principal, String id, PortForwardRequest request) {
    if (request == null || request.port() == null || request.port() < 1 || request.port() > 65535) {
      throw new AppException.BadRequest("INVALID_PORT", "port is a number from 1 to 65535.", Map.of("field", "port"));
    }
    int port = request.port();
    String sub = RemoteValues.subdomain(request.subdomain(), "subdomain");
    if (sub.isEmpty()) {
      throw new AppException.BadRequest("INVALID_SUBDOMAIN", "A port-forward needs its own subdomain.",
          Map.of("field", "subdomain"));
    }
    Application app = running(principal, id);
    if (!"code-server".equals(app.appType())) {
      throw notSupported(app, "port-forwards");
    }
    CatalogApp entry = catalog.require(app.appType());
    if (port == entry.defaultPort()) {
      throw new AppException.BadRequest("INVALID_PORT", "Port " + port + " is the application's own port.",
          Map.of("field", "port"));
    }
    String host = sub + "." + app.domain();
    return leases.exclusive(principal.accountId(), HOST_LEASE + host, host, () -> {
      List<PortForward> current = forwards(principal, app.id());
      if (current.stream().anyMatch(f -> f.port() == port)) {
        throw AppException.conflict("PORT_FORWARD_EXISTS", "Port " + port + " is already forwarded.");
      }
      checkHostFree(principal, list(principal), host, app.domain(), null);
      String service = app.id() + "-port-" + port;
      String ingress = service + "-ingress";
      VpsConfig server = ServerService.config(principal, app.serverId())
          .orElseThrow(() -> ServerService.notFound(app.serverId()));
      DnsRecords dns = new DnsRecords(auth.cloudflareFor(principal));
      boolean dnsCreated = false;
      try {
        withSsh(principal, app, r -> {
          r.portForward(app, service, ingress, port, host);
          return null;
        });
        dns.upsertA(app.domain(), host, server.publicIpv4());
        dnsCreated = true;
        PortForward forward = new PortForward("pf-" + HexFormat.of().formatHex(random(6)), app.id(), port, sub,
            app.domain(), "https://" + host, service, ingress, now());
        List<PortForward> updated = new ArrayList<>(current);
        updated.add(forward);
        Upstreams.kvRun(() -> principal.kv().put(PortForward.kvKey(app.id()), updated));
        return forward;
      } catch (RuntimeException e) {
        rollbackForward(principal, app, dns, dnsCreated ? host : null, service, ingress);
        throw e;
      }
    });
  }

  private void rollbackForward(Principal principal, Application app, DnsRecords dns, String host, String service,
      String ingress) {
    try {
      if (host != null) {
        dns.delete(app.domain(), host);
      }
    } catch (RuntimeException ignored) {
      // best effort; the original failure is reported
    }
    try {
      withSsh(principal, app, r -> {
        r.deleteObject("ingress", ingress, app.namespace());
        r.deleteObject("service", service, app.namespace());
        return null;
      });
    } catch (RuntimeException ignored) {
      // best effort
    }
  }

  public void deletePortForward(Principal principal, String id, String forwardId) {
    if (forwardId == null || !forwardId.matches("pf-[A-Za-z0-9-]{1,40}")) {
      throw AppException.badRequest("INVALID_PORT_FORWARD_ID", "A port-forward id looks like pf-1a2b3c4d5e6f.");
    }
    Application app = require(principal, id);
    List<PortForward> current = forwards(principal, app.id());
    PortForward forward = current.stream().filter(f -> forwardId.equals(f.id())).findFirst()
        .orElseThrow(() -> AppException.notFound("PORT_FORWARD_NOT_FOUND", "There is no port-forward " + forwardId + "."));
    withSsh(principal, app, r -> {
      r.deleteObject("ingress", forward.ingressName(), app.namespace());
      r.deleteObject("service", forward.serviceName(), app.namespace());
      return null;
    });
    new DnsRecords(auth.cloudflareFor(principal)).delete(forward.domain(), forward.subdomain() + "." + forward.domain());
    List<PortForward> remaining = current.stream().filter(f -> !forwardId.equals(f.id())).toList();
    Upstreams.kvRun(() -> principal.kv().put(PortForward.kvKey(app.id()), remaining));
  }

  static List<PortForward> forwards(Principal principal, String appId) {
    try {
      return Upstreams.kv(() -> principal.kv().get(PortForward.kvKey(appId), PortForward[].class))
          .map(List::of).orElse(List.of());
    } catch (KvStore.KvFormatException e) {
      return List.of();
    }
  }

  // ---------------------------------------------------------------- helpers

  /** 409 when another app or port-forward uses {@code host}, or a DNS record Xanthus did not make exists for it. */
  private void checkHostFree(Principal principal, List<Application> apps, String host, String domain, String self) {
    for (Application other : apps) {
      if (other.id().equals(self) || other.domain() == null) {
        continue;
      }
      if (host.equals(other.host())) {
        throw new AppException.Conflict("SUBDOMAIN_TAKEN", host + " is used by application " + other.id() + ".",
            Map.of("field", "subdomain", "application", other.id()));
      }
    }
    List<CompletableFuture<List<PortForward>>> lists = apps.stream()
        .map(a -> Upstreams.async(() -> forwards(principal, a.id()))).toList();
    for (CompletableFuture<List<PortForward>> list : lists) {
      for (PortForward forward : Upstreams.join(list)) {
        if (host.equals(forward.subdomain() + "." + forward.domain())) {
          throw new AppException.Conflict("SUBDOMAIN_TAKEN", host + " is used by a port-forward of "
              + forward.appId() + ".", Map.of("field", "subdomain"));
        }
      }
    }
    CloudflareClient cloudflare = auth.cloudflareFor(principal);
    Optional<DnsRecord> foreign = new DnsRecords(cloudflare).foreign(domain, host);
    if (foreign.isPresent()) {
      throw new AppException.Conflict("DNS_RECORD_EXISTS", "A " + foreign.get().type() + " record for " + host
          + " exists that Xanthus did not create; remove it in Cloudflare or pick another subdomain.",
          Map.of("field", "subdomain"));
    }
  }

  /**
   * The app's requirements plus those of the apps already on the server must fit the server's real size (Hetzner's
   * figures). Returns null when checked, or the note saying why the size is unknown and nothing was checked.
   */
  private String checkCapacity(Principal principal, CatalogApp app, VpsConfig server, List<Application> onServer) {
    ServerCapacity.Resolved resolved = capacities.of(principal, server);
    if (resolved.capacity().isEmpty()) {
      log.warn("capacity of server {} unknown; deploy of {} not checked", server.serverId(), app.id());
      return resolved.note();
    }
    double cpu = app.requirements().minCpu();
    double memory = app.requirements().minMemoryGb();
    double disk = app.requirements().minDiskGb();
    for (Application other : onServer) {
      if (Application.FAILED.equals(other.status())) {
        continue;
      }
      CatalogApp.Requirements r = requirementsOf(other.appType());
      if (r != null) {
        cpu += r.minCpu();
        memory += r.minMemoryGb();
        disk += r.minDiskGb();
      }
    }
    ServerCapacity.Capacity c = resolved.capacity().get();
    if (cpu > c.cpu() + 1e-9 || memory > c.memoryGb() + 1e-9 || disk > c.diskGb() + 1e-9) {
      throw new AppException.Unprocessable("SERVER_TOO_SMALL", String.format(java.util.Locale.ROOT,
          "%s needs %.2f vCPU, %.2f GB memory and %.0f GB disk; with the apps already on it, server %s (%s: %.0f vCPU, "
              + "%.0f GB, %.0f GB) would need %.2f vCPU, %.2f GB and %.0f GB.", app.name(),
          app.requirements().minCpu(), app.requirements().minMemoryGb(), app.requirements().minDiskGb(), server.name(),
          resolved.serverType(), c.cpu(), c.memoryGb(), c.diskGb(), cpu, memory, disk),
          Map.of("field", "vpsId", "required", Map.of("cpu", cpu, "memory_gb", memory, "disk_gb", disk)));
    }
    return null;
  }

  private CatalogApp.Requirements requirementsOf(String type) {
    return catalog.find(type).map(CatalogApp::requirements).orElse(null);
  }

  private boolean ready(Principal principal, long serverId) {
    try {
      return shell.status(principal, serverId).ready();
    } catch (AppException e) {
      return false;
    }
  }

  private Application running(Principal principal, String id) {
    Application app = require(principal, id);
    if (!Application.RUNNING.equals(app.status())) {
      throw AppException.conflict("APP_NOT_RUNNING", "The application is " + app.status() + ", not running.");
    }
    return app;
  }

  private <T> T withSsh(Principal principal, Application app, java.util.function.Function<AppRemote, T> work) {
    return shell.withSession(principal, app.serverId(), (session, config) -> work.apply(new AppRemote(session)));
  }

  private static AppException notSupported(Application app, String what) {
    return new AppException.Unprocessable("NOT_SUPPORTED", app.appType() + " has no " + what + " Xanthus manages.",
        Map.of("app_type", app.appType()));
  }

  private static long serverId(String vpsId) {
    if (vpsId == null || !vpsId.matches("[0-9]{1,18}")) {
      throw new AppException.BadRequest("INVALID_VPS_ID", "vpsId is a server id (digits).", Map.of("field", "vpsId"));
    }
    return Long.parseLong(vpsId);
  }

  private static String text(String value, String field, int min, int max) {
    if (value == null || value.length() < min || value.length() > max
        || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new AppException.BadRequest("INVALID_" + field.toUpperCase(java.util.Locale.ROOT), field + " is " + min
          + " to " + max + " characters without control characters.", Map.of("field", field));
    }
    return value;
  }

  private String now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
  }

  static byte[] random(int n) {
    byte[] bytes = new byte[n];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
