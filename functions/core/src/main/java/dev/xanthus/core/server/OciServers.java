package dev.xanthus.core.server;

import dev.xanthus.clients.oci.OciClient;
import dev.xanthus.clients.oci.OciCredentials;
import dev.xanthus.clients.oci.OciInstance;
import dev.xanthus.clients.oci.OciShape;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.job.JobStarter;
import dev.xanthus.core.upstream.Upstreams;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Oracle Cloud's half of {@link ServerProvider}. KV configs are the list of servers (as in the Go program, with the
 * instance OCID in {@code provider_instance_id}, the link to the instance: the Go program's instances carry no tag).
 * Instances Xanthus launches carry the {@code managed_by=xanthus} freeform tag, which the name check and the network
 * clean-up go by. Creating builds (or reuses) one tagged network per compartment; deleting
 * terminates the instance and leaves waiting for it and removing the network, once no other Xanthus server uses it,
 * to a job ({@link ServerJobs}), because termination takes minutes and a request may not.
 */
public record OciServers(OciSettings settings, JobStarter jobs, Clock clock, ServerDirectory directory)
        implements ServerProvider {

    public static final String TAG_KEY = HetznerServers.LABEL_KEY;
    public static final String TAG_VALUE = HetznerServers.LABEL_VALUE;
    static final Map<String, String> TAGS = Map.of(TAG_KEY, TAG_VALUE);

    /** {@code POST /vps} with {@code provider: oci}. */
    public record CreateRequest(String name, String shape, Double ocpus, Double memoryGb, String timezone)
            implements ServerSpec {
        @Override
        public String provider() {
            return ServerView.OCI;
        }
    }

    /** {@code POST /vps/oci/existing}: a VM someone already runs, reached at {@code ip} as {@code user}. */
    public record ExistingRequest(String name, String ip, String user, String timezone) {}

    /** The stored server and the id of the job that sets it up. */
    public record Added(ServerView server, VpsConfig config, String jobId) {}

    /** Where an added VM's config says it is: Xanthus knows no region for it. */
    static final String EXISTING_LOCATION = "existing";

    /** {@code GET /vps/oci/options}. */
    public record Options(String region, String homeRegion, List<OciShapes.ShapeOption> shapes) {}

    @Override
    public String name() {
        return ServerView.OCI;
    }

    @Override
    public boolean manages(VpsConfig config) {
        return config.isOci();
    }

    @Override
    public boolean hasCredentials(Principal principal) {
        try {
            return settings.hasCredentials(principal);
        } catch (AppException.Conflict unreadable) {
            return true;
        }
    }

    public Options options(Principal principal) {
        OciCredentials credentials = settings.credentials(principal);
        OciClient client = settings.client(credentials);
        List<OciShapes.ShapeOption> shapes = Upstreams.oci(() -> client.listShapes(credentials.tenancy())).stream()
                .collect(Collectors.toMap(OciShape::shape, s -> s, (a, b) -> a, LinkedHashMap::new))
                .values()
                .stream()
                .map(OciShapes::option)
                .toList();
        return new Options(credentials.region(), settings.status(principal).homeRegion(), shapes);
    }

    @Override
    public List<ServerView> list(
            Principal principal, Supplier<List<VpsConfig>> configsRead, Supplier<List<AppRecord>> appsRead) {
        List<VpsConfig> configs = configsRead.get();
        if (configs.isEmpty()) {
            return List.of(); // nothing to ask Oracle about, so not even the credentials are read
        }
        Optional<OciCredentials> credentials;
        try {
            credentials = Optional.of(settings.credentials(principal));
        } catch (AppException.Conflict e) {
            credentials = Optional.empty();
        }
        if (credentials.isEmpty()) {
            // Known servers stay listed, their state unknown, rather than vanish with the key.
            List<AppRecord> apps = appsRead.get();
            return configs.stream()
                    .map(c -> view(c, null, apps, OciInstances.addedByAddress(c) ? "external" : "unknown"))
                    .toList();
        }
        OciCredentials usable = credentials.get();
        // One listing per region the servers live in, side by side.
        Map<String, List<VpsConfig>> byRegion =
                configs.stream().collect(Collectors.groupingBy(c -> OciInstances.regionOf(c, usable)));
        Map<String, CompletableFuture<Map<String, OciInstance>>> listings = new HashMap<>();
        byRegion.keySet()
                .forEach(region -> listings.put(region, Upstreams.async(() -> {
                    OciClient client = settings.client(usable.withRegion(region));
                    return Upstreams.oci(() -> client.listInstances(usable.tenancy())).stream()
                            .collect(Collectors.toMap(OciInstance::id, i -> i, (a, b) -> a));
                })));
        List<AppRecord> apps = appsRead.get();
        List<ServerView> views = new ArrayList<>();
        for (Map.Entry<String, List<VpsConfig>> region : byRegion.entrySet()) {
            Map<String, OciInstance> instances = Upstreams.join(listings.get(region.getKey()));
            for (VpsConfig config : region.getValue()) {
                OciInstance instance = instances.get(config.providerInstanceId());
                views.add(view(config, instance, apps, OciInstances.addedByAddress(config) ? "external" : null));
            }
        }
        return views;
    }

    @Override
    public Optional<ServerView> get(Principal principal, long id, Optional<VpsConfig> config, List<AppRecord> apps) {
        if (config.isEmpty()) {
            return Optional.empty();
        }
        if (OciInstances.addedByAddress(config.get())) {
            return Optional.of(view(config.get(), null, apps, "external"));
        }
        OciCredentials credentials = settings.credentials(principal);
        OciClient client = settings.client(credentials.withRegion(OciInstances.regionOf(config.get(), credentials)));
        Optional<OciInstance> instance = OciInstances.instance(client, config.get());
        VpsConfig current = config.get().publicIpv4() != null
                ? config.get()
                : addressOf(principal, client, config.get(), instance).orElse(config.get());
        return Optional.of(
                view(current, instance.orElse(null), apps, OciInstances.addedByAddress(current) ? "external" : null));
    }

    /** {@link ServerAccess.AddressLookup} for OCI servers: the VNIC's public IP once the instance runs, stored in KV. */
    public Optional<VpsConfig> refreshAddress(Principal principal, VpsConfig config) {
        if (!config.isOci() || OciInstances.addedByAddress(config)) {
            return Optional.empty();
        }
        OciCredentials credentials = settings.credentials(principal);
        OciClient client = settings.client(credentials.withRegion(OciInstances.regionOf(config, credentials)));
        return addressOf(principal, client, config, OciInstances.instance(client, config));
    }

    /** The config with the running instance's public IP, stored; empty while the instance has none. */
    private Optional<VpsConfig> addressOf(
            Principal principal, OciClient client, VpsConfig config, Optional<OciInstance> instance) {
        return instance.filter(i -> OciInstance.RUNNING.equals(i.lifecycleState()))
                .flatMap(i -> OciInstances.publicIp(client, i))
                .map(ip -> {
                    VpsConfig withIp = config.withPublicIpv4(ip);
                    directory.save(principal, withIp);
                    return withIp;
                });
    }

    @Override
    public ServerService.Created create(Principal principal, ServerSpec spec) {
        return creation().create(principal, (CreateRequest) spec);
    }

    /**
     * Adds a VM the user already runs: validates everything (nothing is stored or run otherwise), refuses a name or an
     * address another Xanthus server has, stores its KV config (no instance id, as the Go program's added VMs) and
     * starts the {@value ServerJobs#OCI_ADD_EXISTING} job. Needs the account key only, not the OCI API key.
     */
    public Added addExisting(Principal principal, ExistingRequest request) {
        return creation().addExisting(principal, request);
    }

    @Override
    public Destroyed destroy(Principal principal, long id, Optional<VpsConfig> config) {
        VpsConfig c = config.orElseThrow(() -> ServerDirectory.notFound(id));
        if (OciInstances.addedByAddress(c)) {
            return new Destroyed(false, List.of(), null);
        }
        OciCredentials credentials = settings.credentials(principal);
        String region = OciInstances.regionOf(c, credentials);
        OciClient client = settings.client(credentials.withRegion(region));
        Optional<OciInstance> instance = OciInstances.instance(client, c);
        boolean deleted = false;
        if (instance.isPresent()
                && !OciInstance.TERMINATED.equals(instance.get().lifecycleState())) {
            if (!OciInstance.TERMINATING.equals(instance.get().lifecycleState())) {
                Upstreams.ociRun(() -> client.terminateInstance(instance.get().id(), false));
            }
            deleted = true;
        }
        String job = ServerJobs.startOciCleanup(jobs, principal, id, region, c.providerInstanceId());
        return new Destroyed(deleted, List.of(), job);
    }

    @Override
    public ActionView power(Principal principal, long id, Optional<VpsConfig> config, String action) {
        return new OciPower(settings, clock).start(principal, id, config, action);
    }

    @Override
    public ActionView action(Principal principal, long id, Optional<VpsConfig> config, long actionId) {
        return new OciPower(settings, clock).follow(principal, id, config, actionId);
    }

    private ServerView view(VpsConfig config, OciInstance instance, List<AppRecord> apps, String statusOverride) {
        return OciView.of(config, instance, apps, statusOverride, clock.instant());
    }

    private OciCreation creation() {
        return new OciCreation(settings, jobs, clock, directory);
    }
}
