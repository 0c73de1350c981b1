package dev.xanthus.core.server;

import dev.xanthus.clients.oci.AvailabilityDomain;
import dev.xanthus.clients.oci.LaunchInstanceRequest;
import dev.xanthus.clients.oci.OciClient;
import dev.xanthus.clients.oci.OciCredentials;
import dev.xanthus.clients.oci.OciImage;
import dev.xanthus.clients.oci.OciInstance;
import dev.xanthus.clients.oci.OciShape;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.job.JobStarter;
import dev.xanthus.core.remote.CloudInit;
import dev.xanthus.core.remote.RemoteValues;
import dev.xanthus.core.upstream.Upstreams;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * Bringing an Oracle Cloud server into Xanthus: launching one (shape, image and the tagged network checked or made
 * first, the KV config stored or the instance terminated again), or adding a VM the user already runs by its address.
 * Both take a server id in the Go program's scheme.
 */
record OciCreation(OciSettings settings, JobStarter jobs, Clock clock, ServerDirectory directory) {

    static final String IMAGE_OS = "Canonical Ubuntu";
    static final String IMAGE_VERSION = "24.04";
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9.]{3,64}");

    /** Checks the request against the tenancy's shapes and instances, then launches and stores the KV config. */
    ServerService.Created create(Principal principal, OciServers.CreateRequest request) {
        String name = RemoteValues.hostname(request.name());
        String zone = request.timezone() == null || request.timezone().isBlank()
                ? "UTC"
                : RemoteValues.timeZone(request.timezone());
        String shapeName =
                request.shape() == null || request.shape().isBlank() ? "VM.Standard.A1.Flex" : request.shape();
        if (!SHAPE.matcher(shapeName).matches()) {
            throw new AppException.BadRequest(
                    "INVALID_SHAPE", "A shape is a name like VM.Standard.A1.Flex.", Map.of("field", "shape"));
        }
        OciCredentials credentials = settings.credentials(principal);
        OciClient client = settings.client(credentials);
        String tenancy = credentials.tenancy();
        CompletableFuture<List<OciShape>> shapes =
                Upstreams.async(() -> Upstreams.oci(() -> client.listShapes(tenancy)));
        CompletableFuture<List<AvailabilityDomain>> domains =
                Upstreams.async(() -> Upstreams.oci(() -> client.listAvailabilityDomains(tenancy)));
        CompletableFuture<List<OciInstance>> existing =
                Upstreams.async(() -> Upstreams.oci(() -> client.listInstances(tenancy)));
        CompletableFuture<AccountSshKey> accountKey = Upstreams.async(() -> directory.accountKey(principal));

        OciShape shape = Upstreams.join(shapes).stream()
                .filter(s -> s.shape().equals(shapeName))
                .findFirst()
                .orElseThrow(() -> new AppException.BadRequest(
                        "INVALID_SHAPE",
                        "Oracle Cloud offers no shape " + shapeName + " in " + credentials.region() + ".",
                        Map.of("field", "shape")));
        OciShapes.ShapeOption option = OciShapes.option(shape);
        Double ocpus = option.flexible() ? OciShapes.within(request.ocpus(), option.ocpus(), "ocpus") : null;
        Double memory = option.flexible() ? OciShapes.within(request.memoryGb(), option.memoryGb(), "memoryGb") : null;
        if (Upstreams.join(existing).stream()
                .anyMatch(i -> OciInstances.tagged(i)
                        && name.equals(i.displayName())
                        && !OciInstance.TERMINATED.equals(i.lifecycleState()))) {
            throw new AppException.Conflict(
                    "NAME_TAKEN",
                    "A Xanthus server named " + name + " already exists in this " + "tenancy.",
                    Map.of("field", "name"));
        }
        OciImage image =
                Upstreams.oci(() -> client.listImages(tenancy, IMAGE_OS, IMAGE_VERSION, shape.shape())).stream()
                        .findFirst()
                        .orElseThrow(() -> new AppException.Unprocessable(
                                "OCI_NO_IMAGE",
                                "Oracle Cloud has no " + IMAGE_OS + " " + IMAGE_VERSION + " image for " + shape.shape()
                                        + " in " + credentials.region() + ".",
                                Map.of("field", "shape")));
        String subnet = new OciNetwork().ensure(client, tenancy);
        AccountSshKey key = Upstreams.join(accountKey);
        long id = freeId(principal);
        Map<String, String> metadata = Map.of(
                LaunchInstanceRequest.SSH_AUTHORIZED_KEYS, key.publicKeyLine(),
                LaunchInstanceRequest.USER_DATA,
                        Base64.getEncoder()
                                .encodeToString(CloudInit.render(name, zone, CloudInit.Provider.OCI)
                                        .getBytes(StandardCharsets.UTF_8)));
        Map<String, String> tags =
                Map.of(OciServers.TAG_KEY, OciServers.TAG_VALUE, "xanthus_server_id", Long.toString(id));
        OciInstance instance = OciInstances.launch(
                client,
                Upstreams.join(domains),
                ad -> new LaunchInstanceRequest(
                        tenancy, ad, name, shape.shape(), ocpus, memory, image.id(), subnet, true, metadata, tags));
        VpsConfig config = new VpsConfig(
                id,
                name,
                shape.shape(),
                credentials.region(),
                null,
                (instance.timeCreated() == null ? clock.instant() : instance.timeCreated()).toString(),
                null,
                "root",
                22,
                0,
                0,
                zone,
                VpsConfig.PROVIDER_OCI,
                instance.id(),
                option.architecture(),
                null,
                ocpus,
                memory,
                credentials.region());
        try {
            directory.save(principal, config);
        } catch (AppException e) {
            try {
                client.terminateInstance(instance.id(), false);
            } catch (RuntimeException rollback) {
                // the instance stays tagged, so the user sees it in the OCI console as Xanthus's
            }
            throw e;
        }
        return new ServerService.Created(OciView.of(config, instance, List.of(), null, clock.instant()), config);
    }

    /**
     * Adds a VM the user already runs: validates everything (nothing is stored or run otherwise), refuses a name or an
     * address another Xanthus server has, stores its KV config (no instance id, as the Go program's added VMs) and
     * starts the {@value ServerJobs#OCI_ADD_EXISTING} job. Needs the account key only, not the OCI API key.
     */
    OciServers.Added addExisting(Principal principal, OciServers.ExistingRequest request) {
        String name = RemoteValues.hostname(request.name());
        String ip = RemoteValues.publicIpv4(request.ip());
        String user = RemoteValues.sshUser(request.user());
        String zone = request.timezone() == null || request.timezone().isBlank()
                ? "UTC"
                : RemoteValues.timeZone(request.timezone());
        CompletableFuture<AccountSshKey> accountKey = Upstreams.async(() -> directory.accountKey(principal));
        List<VpsConfig> configs = directory.all(principal);
        Upstreams.join(accountKey);
        if (configs.stream().anyMatch(c -> name.equals(c.name()))) {
            throw new AppException.Conflict(
                    "NAME_TAKEN", "Another Xanthus server is already named " + name + ".", Map.of("field", "name"));
        }
        configs.stream().filter(c -> ip.equals(c.publicIpv4())).findFirst().ifPresent(c -> {
            throw new AppException.Conflict(
                    "ADDRESS_TAKEN",
                    "Xanthus server " + c.name() + " already has the address " + ip + ".",
                    Map.of("field", "ip"));
        });
        long id = freeId(principal);
        VpsConfig config = new VpsConfig(
                id,
                name,
                null,
                OciServers.EXISTING_LOCATION,
                ip,
                clock.instant().toString(),
                null,
                user,
                22,
                0,
                0,
                zone,
                VpsConfig.PROVIDER_OCI,
                "",
                null,
                null,
                null,
                null,
                OciServers.EXISTING_LOCATION);
        directory.save(principal, config);
        String job = ServerJobs.startAddExisting(jobs, principal, id, user);
        return new OciServers.Added(OciView.of(config, null, List.of(), "external", clock.instant()), config, job);
    }

    /** The Go program's id scheme (Unix seconds), moved on while KV already has a config under it. */
    private long freeId(Principal principal) {
        long id = clock.instant().getEpochSecond();
        while (directory.find(principal, id).isPresent()) {
            id++;
        }
        return id;
    }
}
