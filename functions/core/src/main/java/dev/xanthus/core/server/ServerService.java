package dev.xanthus.core.server;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.xanthus.clients.hetzner.Action;
import dev.xanthus.clients.hetzner.CreateServerRequest;
import dev.xanthus.clients.hetzner.CreatedServer;
import dev.xanthus.clients.hetzner.HetznerClient;
import dev.xanthus.clients.hetzner.HetznerException;
import dev.xanthus.clients.hetzner.Location;
import dev.xanthus.clients.hetzner.Price;
import dev.xanthus.clients.hetzner.Server;
import dev.xanthus.clients.hetzner.ServerType;
import dev.xanthus.clients.hetzner.SshKey;
import dev.xanthus.clients.http.TransportException;
import dev.xanthus.core.account.AccountCsr;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.kv.KvStore;
import dev.xanthus.core.remote.CloudInit;
import dev.xanthus.core.remote.RemoteValues;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hetzner lifecycle of Xanthus servers: list, create, read, delete (with its apps and their DNS), power and
 * action tracking. Only servers labelled {@code managed_by=xanthus} are ever touched.
 */
public final class ServerService {

  public static final String LABEL_KEY = "managed_by";
  public static final String LABEL_VALUE = "xanthus";
  public static final String LABEL_SELECTOR = LABEL_KEY + "=" + LABEL_VALUE;
  static final String IMAGE = "ubuntu-24.04";
  /**
   * KV reads in flight for one listing: enough for a typical account's configs in one round trip (each read is a
   * Cloudflare request of 100–300 ms), well inside Cloudflare's 1200 requests per five minutes.
   */
  static final int LIST_PARALLEL_READS = 32;
  private static final Logger log = LoggerFactory.getLogger(ServerService.class);

  private final HetznerKeys keys;
  private final ServerCatalog catalog;
  private final ServerCleanup cleanup;
  private final Clock clock;

  public ServerService(HetznerKeys keys, ServerCatalog catalog, ServerCleanup cleanup, Clock clock) {
    this.keys = keys;
    this.catalog = catalog;
    this.cleanup = cleanup;
    this.clock = clock;
  }

  /** {@code POST /vps}. */
  public record CreateRequest(String name, String location, String serverType, String timezone) {}

  /** A created server and the KV config written for it. */
  public record Created(ServerView server, VpsConfig config) {}

  /** What a delete removed. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Deleted(long id, boolean serverDeleted, boolean configDeleted, List<String> appsDeleted,
      List<String> dnsRecordsDeleted, List<String> kvKeysDeleted) {}

  /** A Hetzner action as the UI follows it. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ActionView(long id, String command, String status, int progress, Instant started, Instant finished,
      String errorCode, String errorMessage) {

    static ActionView of(Action a) {
      return new ActionView(a.id(), a.command(), a.status().wire(), a.progress(), a.started(), a.finished(),
          a.error() == null ? null : a.error().code(), a.error() == null ? null : a.error().message());
    }
  }

  public ServerOptions options(Principal principal, String location, String architecture, String cpuType,
      String sort) {
    return catalog.options(keys.client(principal), location, architecture, cpuType, sort);
  }

  /** 200 when free; 409 when one of the project's servers has the name; 400 when it is not a valid host name. */
  public void checkNameAvailable(Principal principal, String name) {
    RemoteValues.hostname(name);
    HetznerClient hetzner = keys.client(principal);
    requireNameFree(Upstreams.hetzner(() -> hetzner.listServers(null)), name);
  }

  /**
   * Every Xanthus server: one Hetzner listing, one KV listing and bounded parallel KV reads, with the Hetzner half
   * and the KV half running side by side.
   */
  public List<ServerView> list(Principal principal) {
    KvStore kv = principal.kv();
    CompletableFuture<List<Server>> servers = Upstreams.async(() -> {
      HetznerClient hetzner = keys.client(principal);
      return Upstreams.hetzner(() -> hetzner.listServers(LABEL_SELECTOR));
    });
    List<String> kvKeys = Upstreams.kv(() -> kv.keys(null));
    List<String> configKeys = kvKeys.stream().filter(k -> k.startsWith("vps:") && k.endsWith(":config")).toList();
    List<String> appKeys = kvKeys.stream().filter(AppRecord::isAppKey).toList();
    CompletableFuture<Map<String, AppRecord>> apps =
        Upstreams.async(() -> Upstreams.kv(() -> kv.getAll(appKeys, AppRecord.class, LIST_PARALLEL_READS)));
    Map<String, VpsConfig> configs = Upstreams.kv(() -> kv.getAll(configKeys, VpsConfig.class, LIST_PARALLEL_READS));
    List<AppRecord> appList = List.copyOf(Upstreams.join(apps).values());
    List<ServerView> views = new ArrayList<>();
    List<Long> seen = new ArrayList<>();
    for (Server server : Upstreams.join(servers)) {
      seen.add(server.id());
      views.add(view(server, configs.get(VpsConfig.key(server.id())), appList));
    }
    configs.values().stream().filter(c -> !seen.contains(c.serverId()))
        .forEach(c -> views.add(view(null, c, appList)));
    return views;
  }

  public ServerView get(Principal principal, long id) {
    HetznerClient hetzner = keys.client(principal);
    CompletableFuture<Optional<VpsConfig>> config = Upstreams.async(() -> config(principal, id));
    Optional<Server> server = managedServer(hetzner, id);
    Optional<VpsConfig> stored = Upstreams.join(config);
    if (server.isEmpty() && stored.isEmpty()) {
      throw notFound(id);
    }
    List<String> appKeys = Upstreams.kv(() -> principal.kv().keys(AppRecord.PREFIX)).stream()
        .filter(AppRecord::isAppKey).toList();
    List<AppRecord> apps = List.copyOf(Upstreams.kv(() -> principal.kv().getAll(appKeys, AppRecord.class)).values());
    return view(server.orElse(null), stored.orElse(null), apps);
  }

  public Created create(Principal principal, CreateRequest request) {
    String name = RemoteValues.hostname(request.name());
    if (request.location() == null || request.location().isBlank()) {
      throw new AppException.BadRequest("INVALID_LOCATION", "Choose a location.", Map.of("field", "location"));
    }
    if (request.serverType() == null || request.serverType().isBlank()) {
      throw new AppException.BadRequest("INVALID_SERVER_TYPE", "Choose a server type.", Map.of("field", "serverType"));
    }
    String zone = request.timezone() == null || request.timezone().isBlank() ? defaultTimeZone(request.location())
        : RemoteValues.timeZone(request.timezone());
    HetznerClient hetzner = keys.client(principal);
    CompletableFuture<List<Server>> existing = Upstreams.async(() -> Upstreams.hetzner(() -> hetzner.listServers(null)));
    CompletableFuture<AccountSshKey> accountKey = Upstreams.async(() -> accountKey(principal));
    CompletableFuture<List<SshKey>> sshKeys = Upstreams.async(() -> Upstreams.hetzner(hetzner::listSshKeys));
    ServerCatalog.Snapshot snapshot = ServerCatalog.Snapshot.load(hetzner);
    requireNameFree(Upstreams.join(existing), name);

    Location location = snapshot.location(request.location()).orElseThrow(() -> new AppException.BadRequest(
        "INVALID_LOCATION", "Unknown location " + request.location() + ".", Map.of("field", "location")));
    ServerType type = snapshot.type(request.serverType()).filter(t -> !t.deprecated())
        .orElseThrow(() -> new AppException.BadRequest("INVALID_SERVER_TYPE",
            "Unknown server type " + request.serverType() + ".", Map.of("field", "serverType")));
    ServerOptions.TypeOption offer = Optional.of(type)
        .filter(t -> snapshot.availableIn(location.name()).contains(t.id()))
        .flatMap(t -> snapshot.offer(t, location.name()))
        .orElseThrow(() -> new AppException.Unprocessable("SERVER_TYPE_UNAVAILABLE",
            "Server type " + type.name() + " is not available in " + location.name() + " right now.",
            Map.of("field", "serverType")));

    AccountSshKey key = Upstreams.join(accountKey);
    SshKey hetznerKey = ensureSshKey(hetzner, Upstreams.join(sshKeys), key);
    CreatedServer created = Upstreams.hetzner(() -> hetzner.createServer(new CreateServerRequest(name, type.name(),
        IMAGE, location.name(), List.of(hetznerKey.name()), CloudInit.render(name, zone),
        Map.of(LABEL_KEY, LABEL_VALUE), true)));
    Server server = created.server();
    VpsConfig config = new VpsConfig(server.id(), name, type.name(), location.name(), server.ipv4(),
        (server.created() == null ? clock.instant() : server.created()).toString(), hetznerKey.name(), "root", 22,
        offer.hourlyTotal().doubleValue(), offer.monthlyTotal().doubleValue(), zone, VpsConfig.PROVIDER_HETZNER,
        Long.toString(server.id()), type.architecture(), null);
    try {
      Upstreams.kvRun(() -> principal.kv().put(VpsConfig.key(server.id()), config));
    } catch (AppException e) {
      // A server without its config would be invisible to the Go program and half-managed here: take it back.
      try {
        hetzner.deleteServer(server.id());
      } catch (RuntimeException rollback) {
        log.warn("could not roll back server {} after its KV config failed to save", server.id());
      }
      throw e;
    }
    return new Created(view(server, config, List.of()), config);
  }

  public Deleted delete(Principal principal, long id) {
    HetznerClient hetzner = keys.client(principal);
    CompletableFuture<Optional<VpsConfig>> config = Upstreams.async(() -> config(principal, id));
    Optional<Server> server = managedServer(hetzner, id);
    Optional<VpsConfig> stored = Upstreams.join(config);
    if (server.isEmpty() && stored.isEmpty()) {
      throw notFound(id);
    }
    String ip = server.map(Server::ipv4).or(() -> stored.map(VpsConfig::publicIpv4)).orElse(null);
    ServerCleanup.Removed removed = cleanup.removeAppsOf(principal, id, ip);
    boolean serverDeleted = false;
    if (server.isPresent()) {
      try {
        Upstreams.hetzner(() -> hetzner.deleteServer(id));
        serverDeleted = true;
      } catch (AppException e) {
        if (!(e instanceof AppException.NotFound)) {
          throw e;
        }
      }
    }
    Upstreams.kvRun(() -> principal.kv().delete(VpsConfig.key(id)));
    List<String> kvKeys = new ArrayList<>(removed.kvKeys());
    kvKeys.add(VpsConfig.key(id));
    return new Deleted(id, serverDeleted, stored.isPresent(), removed.apps(), removed.dnsRecords(), kvKeys);
  }

  public ActionView power(Principal principal, long id, String action) {
    HetznerClient hetzner = keys.client(principal);
    if (action == null || !List.of("on", "off", "shutdown", "reboot").contains(action)) {
      throw new AppException.BadRequest("INVALID_ACTION", "action must be on, off, shutdown or reboot.",
          Map.of("field", "action"));
    }
    managedServer(hetzner, id).orElseThrow(() -> notFound(id));
    Action started = Upstreams.hetzner(() -> switch (action) {
      case "on" -> hetzner.powerOn(id);
      case "off" -> hetzner.powerOff(id);
      case "shutdown" -> hetzner.shutdown(id);
      default -> hetzner.reboot(id);
    });
    return ActionView.of(started);
  }

  public ActionView action(Principal principal, long id, long actionId) {
    HetznerClient hetzner = keys.client(principal);
    Action action;
    try {
      action = hetzner.getAction(actionId);
    } catch (HetznerException e) {
      if (e.status() == 404) {
        throw AppException.notFound("ACTION_NOT_FOUND", "No action " + actionId + ".");
      }
      throw Upstreams.hetzner(e);
    }
    boolean ofThisServer = action.resources() != null && action.resources().stream()
        .anyMatch(r -> "server".equals(r.type()) && r.id() == id);
    if (!ofThisServer) {
      throw AppException.notFound("ACTION_NOT_FOUND", "Server " + id + " has no action " + actionId + ".");
    }
    return ActionView.of(action);
  }

  /** Apps whose {@code vps_id} is this server, from KV. */
  public List<AppRecord> applications(Principal principal, long id) {
    List<String> appKeys = Upstreams.kv(() -> principal.kv().keys(AppRecord.PREFIX)).stream()
        .filter(AppRecord::isAppKey).toList();
    return Upstreams.kv(() -> principal.kv().getAll(appKeys, AppRecord.class)).values().stream()
        .filter(a -> a.runsOn(id)).toList();
  }

  public static Optional<VpsConfig> config(Principal principal, long id) {
    try {
      return Upstreams.kv(() -> principal.kv().get(VpsConfig.key(id), VpsConfig.class));
    } catch (KvStore.KvFormatException e) {
      throw new AppException.Unprocessable("VPS_CONFIG_UNREADABLE",
          "The stored configuration of server " + id + " is not in the expected format.", Map.of());
    }
  }

  public static AccountSshKey accountKey(Principal principal) {
    AccountCsr csr = Upstreams.kv(() -> principal.kv().get(AccountCsr.KV_KEY, AccountCsr.class))
        .orElseThrow(() -> AppException.conflict("ACCOUNT_KEY_MISSING",
            "The account key (config:ssl:csr) is missing; sign in again to create it."));
    return AccountSshKey.from(csr);
  }

  public static AppException.NotFound notFound(long id) {
    return AppException.notFound("VPS_NOT_FOUND", "No Xanthus server " + id + ".");
  }

  /** The server if it exists and carries the Xanthus label. */
  private static Optional<Server> managedServer(HetznerClient hetzner, long id) {
    try {
      Server server = hetzner.getServer(id);
      boolean ours = server.labels() != null && LABEL_VALUE.equals(server.labels().get(LABEL_KEY));
      return ours ? Optional.of(server) : Optional.empty();
    } catch (HetznerException e) {
      if (e.status() == 404 || e.is(HetznerException.NOT_FOUND)) {
        return Optional.empty();
      }
      throw Upstreams.hetzner(e);
    } catch (TransportException e) {
      throw new AppException.Upstream("HETZNER_UNAVAILABLE", "Hetzner could not be reached; try again shortly.",
          Map.of(), e);
    }
  }

  private static void requireNameFree(List<Server> servers, String name) {
    if (servers.stream().anyMatch(s -> s.name().equals(name))) {
      throw new AppException.Conflict("NAME_TAKEN", "A server named " + name + " already exists in this project.",
          Map.of("field", "name"));
    }
  }

  /** The account key in Hetzner: found by fingerprint, or added labelled as ours. */
  private static SshKey ensureSshKey(HetznerClient hetzner, List<SshKey> existing, AccountSshKey key) {
    String fingerprint = key.md5Fingerprint();
    Optional<SshKey> found = existing.stream().filter(k -> fingerprint.equals(k.fingerprint())).findFirst();
    if (found.isPresent()) {
      return found.get();
    }
    try {
      return hetzner.createSshKey("xanthus-key-" + fingerprint.replace(":", "").substring(0, 12),
          key.publicKeyLine(), Map.of(LABEL_KEY, LABEL_VALUE));
    } catch (HetznerException e) {
      if (e.is(HetznerException.UNIQUENESS_ERROR)) {
        // Added meanwhile by a parallel create: use that one.
        return Upstreams.hetzner(hetzner::listSshKeys).stream().filter(k -> fingerprint.equals(k.fingerprint()))
            .findFirst().orElseThrow(() -> Upstreams.hetzner(e));
      }
      throw Upstreams.hetzner(e);
    }
  }

  /** The Go program's mapping, without its default of Europe/Athens for unknown places and with Hillsboro fixed. */
  static String defaultTimeZone(String location) {
    return switch (location) {
      case "fsn1", "nbg1" -> "Europe/Berlin";
      case "hel1" -> "Europe/Helsinki";
      case "ash" -> "America/New_York";
      case "hil" -> "America/Los_Angeles";
      case "sin" -> "Asia/Singapore";
      default -> "UTC";
    };
  }

  private ServerView view(Server server, VpsConfig config, List<AppRecord> apps) {
    long id = server != null ? server.id() : config.serverId();
    BigDecimal hourly = config != null && config.hourlyRate() > 0 ? BigDecimal.valueOf(config.hourlyRate())
        : listPrice(server, true);
    BigDecimal monthly = config != null && config.monthlyRate() > 0 ? BigDecimal.valueOf(config.monthlyRate())
        : listPrice(server, false);
    Instant created = server != null && server.created() != null ? server.created() : parse(config.createdAt());
    int appCount = (int) apps.stream().filter(a -> a.runsOn(id)).count();
    return new ServerView(id,
        server != null ? server.name() : config.name(),
        server != null ? server.status().wire() : "missing",
        server != null ? server.ipv4() : config.publicIpv4(),
        server != null && server.publicNet() != null && server.publicNet().ipv6() != null
            ? server.publicNet().ipv6().ip() : null,
        server != null && server.serverType() != null ? server.serverType().name() : config.serverType(),
        server != null && server.location() != null ? server.location().name() : config.location(),
        server != null && server.serverType() != null ? server.serverType().architecture()
            : config.architecture(),
        created == null ? null : created.toString(),
        config == null ? null : config.timezone(),
        hourly, monthly, Costs.soFar(created, clock.instant(), hourly, monthly), appCount, config != null);
  }

  private static BigDecimal listPrice(Server server, boolean hourly) {
    if (server == null || server.serverType() == null || server.serverType().prices() == null
        || server.location() == null) {
      return null;
    }
    return server.serverType().prices().stream().filter(p -> server.location().name().equals(p.location()))
        .findFirst().map(p -> (hourly ? p.priceHourly() : p.priceMonthly()))
        .map(Price.Amount::gross).orElse(null);
  }

  private static Instant parse(String timestamp) {
    try {
      return timestamp == null ? null : Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
