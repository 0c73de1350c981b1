package dev.xanthus.api.vps;

import dev.xanthus.api.support.ApiResponse;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.job.JobService;
import dev.xanthus.core.server.ActionView;
import dev.xanthus.core.server.AppRecord;
import dev.xanthus.core.server.HetznerServers;
import dev.xanthus.core.server.OciServers;
import dev.xanthus.core.server.ServerOptions;
import dev.xanthus.core.server.ServerService;
import dev.xanthus.core.server.ServerSpec;
import dev.xanthus.core.server.ServerView;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Server lifecycle on Hetzner and Oracle Cloud: options, names, list, create, read, delete, power and actions. */
@RestController
public class VpsController {

    private final ServerService servers;
    private final HetznerServers hetzner;
    private final OciServers oci;
    private final JobService jobs;

    public VpsController(ServerService servers, HetznerServers hetzner, OciServers oci, JobService jobs) {
        this.servers = servers;
        this.hetzner = hetzner;
        this.oci = oci;
        this.jobs = jobs;
    }

    /** {@code {"name","ip","user","timezone"}}: an Oracle Cloud VM someone already runs. */
    public record ExistingRequest(String name, String ip, String user, String timezone) {}

    /** The stored server and the job setting it up (follow it at {@code /api/v1/jobs/{id}}). */
    public record Adopted(ServerView server, JobService.JobView job) {}

    /**
     * {@code POST /vps}: {@code provider} {@code hetzner} (the default) with {@code location} and {@code serverType},
     * or {@code oci} with {@code shape}, {@code ocpus} and {@code memoryGb}.
     */
    public record CreateRequest(
            String provider,
            String name,
            String location,
            String serverType,
            String timezone,
            String shape,
            Double ocpus,
            Double memoryGb) {}

    /** {@code {"name"}}. */
    public record NameRequest(String name) {}

    /** {@code {"action": "on"|"off"|"shutdown"|"reboot"}}. */
    public record PowerRequest(String action) {}

    @GetMapping("/api/v1/vps/options")
    ApiResponse<ServerOptions> options(
            Principal principal,
            @RequestParam(required = false) String location,
            @RequestParam(required = false) String architecture,
            @RequestParam(name = "cpu_type", required = false) String cpuType,
            @RequestParam(required = false) String sort) {
        return ApiResponse.ok(hetzner.options(principal, location, architecture, cpuType, sort));
    }

    @PostMapping("/api/v1/vps/validate-name")
    ApiResponse<Map<String, Object>> validateName(Principal principal, @RequestBody NameRequest body) {
        hetzner.checkNameAvailable(principal, body.name());
        return ApiResponse.ok(Map.of("name", body.name(), "available", true));
    }

    @GetMapping("/api/v1/vps")
    ApiResponse<List<ServerView>> list(Principal principal) {
        return ApiResponse.ok(servers.list(principal));
    }

    @PostMapping("/api/v1/vps")
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<ServerService.Created> create(Principal principal, @RequestBody CreateRequest body) {
        return ApiResponse.ok(servers.create(
                principal,
                ServerSpec.of(
                        body.provider(),
                        body.name(),
                        body.location(),
                        body.serverType(),
                        body.shape(),
                        body.ocpus(),
                        body.memoryGb(),
                        body.timezone())));
    }

    @PostMapping("/api/v1/vps/oci/existing")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ApiResponse<Adopted> addExistingOci(Principal principal, @RequestBody ExistingRequest body) {
        OciServers.Added added = oci.addExisting(
                principal, new OciServers.ExistingRequest(body.name(), body.ip(), body.user(), body.timezone()));
        return ApiResponse.ok(new Adopted(added.server(), jobs.get(principal, added.jobId())));
    }

    @GetMapping("/api/v1/vps/oci/options")
    ApiResponse<OciServers.Options> ociOptions(Principal principal) {
        return ApiResponse.ok(oci.options(principal));
    }

    @GetMapping("/api/v1/vps/{id}")
    ApiResponse<ServerView> get(Principal principal, @PathVariable long id) {
        return ApiResponse.ok(servers.get(principal, id));
    }

    @DeleteMapping("/api/v1/vps/{id}")
    ApiResponse<ServerService.Deleted> delete(Principal principal, @PathVariable long id) {
        return ApiResponse.ok(servers.delete(principal, id));
    }

    @PostMapping("/api/v1/vps/{id}/power")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ApiResponse<ActionView> power(Principal principal, @PathVariable long id, @RequestBody PowerRequest body) {
        return ApiResponse.ok(servers.power(principal, id, body.action()));
    }

    @GetMapping("/api/v1/vps/{id}/actions/{actionId}")
    ApiResponse<ActionView> action(Principal principal, @PathVariable long id, @PathVariable long actionId) {
        return ApiResponse.ok(servers.action(principal, id, actionId));
    }

    @GetMapping("/api/v1/vps/{id}/applications")
    ApiResponse<List<AppRecord>> applications(Principal principal, @PathVariable long id) {
        return ApiResponse.ok(servers.applications(principal, id));
    }
}
