package dev.xanthus.core.server;

import dev.xanthus.clients.oci.OciClient;
import dev.xanthus.clients.oci.OciCredentials;
import dev.xanthus.clients.oci.OciException;
import dev.xanthus.clients.oci.OciInstance;
import dev.xanthus.core.auth.AuthService;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.job.Job;
import dev.xanthus.core.job.JobStarter;
import dev.xanthus.core.job.JobSteps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Server work that outlives a request, run by the job engine (started with {@link JobStarter}): after an OCI instance is told to terminate, wait until
 * it is gone, then remove the Xanthus network unless another Xanthus server still uses it. Each step is idempotent,
 * so a retry resumes where it stopped.
 */
public final class ServerJobs {

  public static final String OCI_CLEANUP = "oci-cleanup";
  static final List<String> OCI_CLEANUP_STEPS = List.of("wait-terminated", "remove-network");
  static final String REGION = "region";
  static final String INSTANCE = "instanceId";

  private final OciSettings oci;
  private final AuthService auth;
  private final Clock clock;
  private final Duration pollEvery;
  private final Duration patience;

  /** {@code pollEvery} between OCI reads while waiting; {@code patience} before a step gives up. */
  public ServerJobs(OciSettings oci, AuthService auth, Clock clock, Duration pollEvery, Duration patience) {
    this.oci = oci;
    this.auth = auth;
    this.clock = clock;
    this.pollEvery = pollEvery;
    this.patience = patience;
  }

  public List<JobSteps> kinds() {
    return List.of(new OciCleanup());
  }

  static String startOciCleanup(JobStarter starter, Principal principal, long serverId, String region,
      String instanceId) {
    return starter.start(principal, OCI_CLEANUP, Long.toString(serverId), OCI_CLEANUP_STEPS,
        Map.of(REGION, region, INSTANCE, instanceId == null ? "" : instanceId), Map.of());
  }

  final class OciCleanup implements JobSteps {
    @Override
    public String kind() {
      return OCI_CLEANUP;
    }

    @Override
    public List<String> stepNames() {
      return OCI_CLEANUP_STEPS;
    }

    @Override
    public void run(String step, Job job) throws Exception {
      Principal principal = JobStarter.principal(job, auth);
      OciCredentials credentials = oci.credentials(principal).withRegion(job.params().get(REGION));
      OciClient client = oci.client(credentials);
      String instanceId = job.params().get(INSTANCE);
      switch (step) {
        case "wait-terminated" -> waitTerminated(client, instanceId);
        case "remove-network" -> removeNetwork(client, credentials.tenancy(), instanceId);
        default -> throw new IllegalArgumentException(step);
      }
    }
  }

  private void waitTerminated(OciClient client, String instanceId) throws InterruptedException {
    if (instanceId.isBlank()) {
      return;
    }
    Instant deadline = clock.instant().plus(patience);
    while (true) {
      try {
        OciInstance instance = Upstreams.oci(() -> client.getInstance(instanceId));
        if (OciInstance.TERMINATED.equals(instance.lifecycleState())) {
          return;
        }
      } catch (AppException.NotFound gone) {
        return;
      }
      if (clock.instant().isAfter(deadline)) {
        throw new AppException.Upstream("OCI_TERMINATE_SLOW", "The instance did not finish terminating within "
            + patience.toMinutes() + " minutes; retry the job later.", Map.of(), null);
      }
      Thread.sleep(pollEvery.toMillis());
    }
  }

  /** Keeps the network while another live Xanthus instance exists; 409s (parts still terminating) are waited out. */
  private void removeNetwork(OciClient client, String compartment, String instanceId) throws InterruptedException {
    boolean inUse = Upstreams.oci(() -> client.listInstances(compartment)).stream()
        .anyMatch(i -> OciServers.tagged(i) && !i.id().equals(instanceId) && OciNetwork.live(i.lifecycleState()));
    if (inUse) {
      return;
    }
    Instant deadline = clock.instant().plus(patience);
    OciNetwork network = new OciNetwork();
    while (true) {
      try {
        network.remove(client, compartment);
        return;
      } catch (OciException e) {
        if (e.status() != 409 || clock.instant().isAfter(deadline)) {
          throw Upstreams.oci(e);
        }
      }
      Thread.sleep(pollEvery.toMillis());
    }
  }
}
