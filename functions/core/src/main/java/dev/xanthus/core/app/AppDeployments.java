package dev.xanthus.core.app;

import dev.xanthus.core.app.catalog.Capability;
import dev.xanthus.core.app.catalog.CatalogApp;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.dns.DomainName;
import dev.xanthus.core.dns.DomainSslConfig;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.job.Job;
import dev.xanthus.core.job.JobStarter;
import dev.xanthus.core.kv.KvKeys;
import dev.xanthus.core.kv.KvStore;
import dev.xanthus.core.remote.RemoteValues;
import dev.xanthus.core.server.ServerCapacity;
import dev.xanthus.core.server.VpsConfig;
import dev.xanthus.core.upstream.Upstreams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Deploying, upgrading and deleting catalog apps: what is checked at request time (domain managed, version
 * installable, host free, the server big enough and ready, the catalog's per-server rules), then a job ({@link
 * AppJobs}) does the work.
 */
public final class AppDeployments {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AppDeployments.class);

    private final AppContext context;
    private final VersionService versions;
    private final Hosts hosts;
    private final JobStarter starter;
    private final ServerCapacity capacities;

    AppDeployments(
            AppContext context, VersionService versions, Hosts hosts, JobStarter starter, ServerCapacity capacities) {
        this.context = context;
        this.versions = versions;
        this.hosts = hosts;
        this.starter = starter;
        this.capacities = capacities;
    }

    public record CreateRequest(
            String name,
            String description,
            String appType,
            String subdomain,
            String domain,
            String vpsId,
            String version) {}

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
    public record ServerChoice(
            long id, String name, String serverType, String ipv4, ServerCapacity.Capacity capacity) {}

    public record Prerequisites(List<String> domains, List<ServerChoice> servers, List<CatalogApp> catalog) {}

    public Prerequisites prerequisites(Principal principal) {
        KvStore kv = principal.kv();
        List<String> keys = Upstreams.cloudflare(() -> kv.keys(null));
        List<String> domains = keys.stream()
                .filter(KvKeys::isDomainConfig)
                .map(KvKeys::domainOf)
                .sorted()
                .toList();
        List<String> configKeys = keys.stream().filter(KvKeys::isVpsConfig).toList();
        Map<String, VpsConfig> configs = Upstreams.cloudflare(() -> kv.getAll(configKeys, VpsConfig.class));
        CompletableFuture<Map<Long, ServerCapacity.Capacity>> sizes =
                Upstreams.async(() -> capacities.ofAll(principal, configs.values()));
        List<CompletableFuture<Optional<ServerChoice>>> checks = new ArrayList<>();
        for (VpsConfig config : configs.values()) {
            checks.add(Upstreams.async(() -> ready(principal, config.serverId())
                    ? Optional.of(new ServerChoice(
                            config.serverId(),
                            config.name(),
                            config.serverType(),
                            config.publicIpv4(),
                            Upstreams.join(sizes).get(config.serverId())))
                    : Optional.empty()));
        }
        List<ServerChoice> servers =
                checks.stream().map(Upstreams::join).flatMap(Optional::stream).toList();
        return new Prerequisites(domains, servers, context.catalog().all());
    }

    public Accepted create(Principal principal, CreateRequest request) {
        if (request == null) {
            throw AppException.badRequest("INVALID_BODY", "Send a JSON body.");
        }
        String name = text(request.name(), "name", 1, 64);
        String description = request.description() == null ? "" : text(request.description(), "description", 0, 500);
        CatalogApp app = context.catalog()
                .find(request.appType())
                .orElseThrow(() -> new AppException.BadRequest(
                        "INVALID_APP_TYPE", "appType must be one of the catalog's ids.", Map.of("field", "appType")));
        String subdomain = RemoteValues.subdomain(request.subdomain(), "subdomain");
        String domain = DomainName.require(request.domain());
        long serverId = serverId(request.vpsId());
        String requested = request.version() == null || request.version().isBlank()
                ? null
                : RemoteValues.version(request.version());
        String release = (subdomain.isEmpty() ? "apex" : subdomain) + "-" + app.id();
        if (release.length() > 53) {
            throw new AppException.BadRequest(
                    "SUBDOMAIN_TOO_LONG",
                    "The subdomain may have at most " + (52 - app.id().length()) + " characters for " + app.name()
                            + ".",
                    Map.of("field", "subdomain"));
        }
        String host = subdomain.isEmpty() ? domain : subdomain + "." + domain;
        // two requests claiming one host (two creates, a create and a port-forward) take turns: both would pass
        // checkHostFree before either wrote its record
        return hosts.claiming(principal, host, () -> {
            KvStore kv = principal.kv();
            CompletableFuture<Boolean> managed =
                    Upstreams.async(() -> Upstreams.cloudflare(() -> kv.getRaw(DomainSslConfig.kvKey(domain)))
                            .isPresent());
            CompletableFuture<List<Application>> others =
                    Upstreams.async(() -> context.records().list(principal));
            VpsConfig server = context.servers().require(principal, serverId);
            if (!Upstreams.join(managed)) {
                throw new AppException.Unprocessable(
                        "DOMAIN_NOT_MANAGED",
                        domain + " is not managed by Xanthus; configure it " + "under Domains first.",
                        Map.of("field", "domain"));
            }
            List<AppVersion> available = versions.versions(app.id());
            String version = requested == null ? available.get(0).version() : requested;
            if (available.stream().noneMatch(r -> r.version().equals(version))) {
                throw new AppException.Unprocessable(
                        "VERSION_NOT_AVAILABLE",
                        version + " is not an installable version of " + app.name() + ".",
                        Map.of("field", "version"));
            }
            List<Application> existing = Upstreams.join(others);
            hosts.checkFree(principal, existing, host, domain);
            List<Application> onServer =
                    existing.stream().filter(a -> a.serverId() == serverId).toList();
            if (onServer.stream()
                    .anyMatch(a -> a.release().equals(release) && app.id().equals(a.appType()))) {
                throw AppException.conflict("RELEASE_EXISTS", "Server " + serverId + " already runs " + release + ".");
            }
            if (app.has(Capability.ONE_PER_SERVER)
                    && onServer.stream().anyMatch(a -> app.id().equals(a.appType()))) {
                throw AppException.conflict(
                        app.id().toUpperCase(Locale.ROOT).replace('-', '_') + "_EXISTS",
                        app.name() + " runs at most once per server.");
            }
            String capacityNote = checkCapacity(principal, app, server, onServer);
            if (!ready(principal, serverId)) {
                throw new AppException.Unprocessable(
                        "SERVER_NOT_READY",
                        "Server " + serverId + " is not ready (K3s and Helm "
                                + "must be installed and the server reachable).",
                        Map.of("field", "vpsId"));
            }
            String now = context.now();
            String id = "app-" + AppRecords.randomHex(6);
            Application record = new Application(
                    id,
                    name,
                    description,
                    app.id(),
                    version,
                    subdomain,
                    domain,
                    Long.toString(serverId),
                    server.name(),
                    app.helmChart().namespace(),
                    Application.CREATING,
                    null,
                    "https://" + host,
                    now,
                    now,
                    app.helmChart().chart(),
                    AppRemote.chartVersion(app, version),
                    null);
            Map<String, String> secrets = new LinkedHashMap<>();
            if (app.has(Capability.SECRET_KEY)) {
                secrets.put(AppJobs.SECRET_KEY, AppRecords.randomHex(32));
            }
            return startJob(
                            principal,
                            record,
                            AppJobs.DEPLOY,
                            Application.CREATING,
                            Map.of(AppJobs.VERSION, version),
                            secrets)
                    .withCapacityNote(capacityNote);
        });
    }

    public Accepted upgrade(Principal principal, String id, String requestedVersion) {
        String version = RemoteValues.version(requestedVersion);
        // upgrades and deletes of one app take turns, so two at once cannot both find it idle and start two jobs
        return context.leases().exclusive(principal.accountId(), KvKeys.app(AppRecords.appId(id)), id, () -> {
            Application app = context.records().require(principal, id);
            busy(app);
            if (!versions.isAvailable(app.appType(), version)) {
                throw new AppException.Unprocessable(
                        "VERSION_NOT_AVAILABLE",
                        version + " is not an installable version of " + app.appType() + ".",
                        Map.of("field", "version"));
            }
            return startJob(
                    principal, app, AppJobs.UPGRADE, Application.UPDATING, Map.of(AppJobs.VERSION, version), Map.of());
        });
    }

    public Accepted delete(Principal principal, String id, boolean purgeData) {
        return context.leases().exclusive(principal.accountId(), KvKeys.app(AppRecords.appId(id)), id, () -> {
            Application app = context.records().require(principal, id);
            if (app.jobId() != null && Application.DELETING.equals(app.status())) {
                Optional<Job> running = context.records().unfinishedJob(app);
                if (running.isPresent()) {
                    return new Accepted(app, running.get().id());
                }
            }
            return startJob(
                    principal,
                    app,
                    AppJobs.DELETE,
                    Application.DELETING,
                    Map.of(AppJobs.PURGE, Boolean.toString(purgeData)),
                    Map.of());
        });
    }

    private void busy(Application app) {
        if (AppRecords.inProgress(app) && context.records().unfinishedJob(app).isPresent()) {
            throw AppException.conflict("APP_BUSY", "The application has a job in progress (" + app.jobId() + ").");
        }
    }

    private Accepted startJob(
            Principal principal,
            Application app,
            String kind,
            String status,
            Map<String, String> params,
            Map<String, String> extraSecrets) {
        // The app record names its job before the job exists, so a worker never finds a job its app does not know.
        String jobId = java.util.UUID.randomUUID().toString();
        Application updated = app.withJob(jobId, status, context.now());
        context.records().put(principal, updated);
        starter.start(principal, jobId, kind, app.id(), AppJobs.steps(kind), params, extraSecrets);
        return new Accepted(updated, jobId);
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
            throw new AppException.Unprocessable(
                    "SERVER_TOO_SMALL",
                    String.format(
                            java.util.Locale.ROOT,
                            "%s needs %.2f vCPU, %.2f GB memory and %.0f GB disk; with the apps already on it, server %s (%s: %.0f vCPU, "
                                    + "%.0f GB, %.0f GB) would need %.2f vCPU, %.2f GB and %.0f GB.",
                            app.name(),
                            app.requirements().minCpu(),
                            app.requirements().minMemoryGb(),
                            app.requirements().minDiskGb(),
                            server.name(),
                            resolved.serverType(),
                            c.cpu(),
                            c.memoryGb(),
                            c.diskGb(),
                            cpu,
                            memory,
                            disk),
                    Map.of("field", "vpsId", "required", Map.of("cpu", cpu, "memory_gb", memory, "disk_gb", disk)));
        }
        return null;
    }

    private CatalogApp.Requirements requirementsOf(String type) {
        return context.catalog().find(type).map(CatalogApp::requirements).orElse(null);
    }

    private boolean ready(Principal principal, long serverId) {
        try {
            return context.health().status(principal, serverId).ready();
        } catch (AppException e) {
            return false;
        }
    }

    private static long serverId(String vpsId) {
        if (vpsId == null || !vpsId.matches("[0-9]{1,18}")) {
            throw new AppException.BadRequest(
                    "INVALID_VPS_ID", "vpsId is a server id (digits).", Map.of("field", "vpsId"));
        }
        return Long.parseLong(vpsId);
    }

    private static String text(String value, String field, int min, int max) {
        if (value == null
                || value.length() < min
                || value.length() > max
                || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new AppException.BadRequest(
                    "INVALID_" + field.toUpperCase(java.util.Locale.ROOT),
                    field + " is " + min + " to " + max + " characters without control characters.",
                    Map.of("field", field));
        }
        return value;
    }
}
