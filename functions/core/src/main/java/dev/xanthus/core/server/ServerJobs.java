package dev.xanthus.core.server;

import dev.xanthus.clients.oci.OciClient;
import dev.xanthus.clients.oci.OciCredentials;
import dev.xanthus.clients.oci.OciException;
import dev.xanthus.clients.oci.OciInstance;
import dev.xanthus.clients.ssh.CommandResult;
import dev.xanthus.clients.ssh.SshSession;
import dev.xanthus.core.auth.AuthService;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.job.Job;
import dev.xanthus.core.job.JobKinds;
import dev.xanthus.core.job.JobStarter;
import dev.xanthus.core.job.JobSteps;
import dev.xanthus.core.remote.CloudInit;
import dev.xanthus.core.remote.RemoteValues;
import dev.xanthus.core.remote.ServerCommands;
import dev.xanthus.core.upstream.OciFailures;
import dev.xanthus.core.upstream.Upstreams;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Server work that outlives a request, run by the job engine (started with {@link JobStarter}). Each step is
 * idempotent, so a retry resumes where it stopped.
 * <ul>
 *   <li>{@value #OCI_CLEANUP}: after an OCI instance is told to terminate, wait until it is gone, then remove the
 *   Xanthus network unless another Xanthus server still uses it;</li>
 *   <li>{@value #OCI_ADD_EXISTING}: make a VM someone already runs a Xanthus server over SSH: {@code connect} (as its
 *   user with the account key; pins the host key; checks apt and passwordless sudo), {@code root-access} (root gets
 *   the account key and the template's sshd drop-in through {@code sudo -n}; the config's {@code ssh_user} becomes
 *   root), {@code install} (the hardened cloud-init setup, started in the background) and {@code wait-ready}
 *   ({@code /opt/xanthus/status} until READY; FAILED fails the step with the end of the setup log).</li>
 * </ul>
 * Waits read OCI (and the setup status) every {@code pollEvery} and give up after {@code patience}; {@code access}
 * reaches the servers over SSH on the jobs' timeouts.
 */
public record ServerJobs(
        OciSettings oci, AuthService auth, ServerAccess access, Clock clock, Duration pollEvery, Duration patience)
        implements JobKinds {

    public static final String OCI_CLEANUP = "oci-cleanup";
    static final List<String> OCI_CLEANUP_STEPS = List.of("wait-terminated", "remove-network");
    static final String REGION = "region";
    static final String INSTANCE = "instanceId";
    public static final String OCI_ADD_EXISTING = "oci-add-existing";
    static final List<String> ADD_EXISTING_STEPS = List.of("connect", "root-access", "install", "wait-ready");
    static final String USER = "user";
    private static final String ROOT = "root";
    private static final int LOG_LINES = 20;
    private static final int MAX_MESSAGE = 1500;

    @Override
    public List<JobSteps> kinds() {
        return List.of(new OciCleanup(), new AddExisting());
    }

    static String startAddExisting(JobStarter starter, Principal principal, long serverId, String user) {
        return starter.start(
                principal, OCI_ADD_EXISTING, Long.toString(serverId), ADD_EXISTING_STEPS, Map.of(USER, user), Map.of());
    }

    final class AddExisting extends JobSteps.Named {
        AddExisting() {
            super(OCI_ADD_EXISTING, ADD_EXISTING_STEPS);
        }

        @Override
        public void run(String step, Job job) throws Exception {
            Principal principal = JobStarter.principal(job, auth);
            long id = Long.parseLong(job.subjectId());
            String user = job.params().get(USER);
            switch (step) {
                case "connect" -> connect(principal, id);
                case "root-access" -> rootAccess(principal, id, user);
                case "install" -> install(principal, id);
                case "wait-ready" -> waitReady(principal, id);
                default -> throw new IllegalArgumentException(step);
            }
        }
    }

    private VpsConfig stored(Principal principal, long id) {
        return access.directory()
                .find(principal, id)
                .orElseThrow(() -> AppException.notFound(
                        "VPS_NOT_FOUND", "Server " + id + " was removed from Xanthus while it was being set up."));
    }

    /** Runs {@code work} over SSH, wording SSH failures for someone who just typed the address and the user. */
    private <T> T onVm(Principal principal, long id, BiFunction<SshSession, VpsConfig, T> work) {
        VpsConfig config = stored(principal, id);
        String who = config.sshUser() + "@" + config.publicIpv4();
        try {
            return access.withSession(principal, id, work);
        } catch (AppException.Upstream e) {
            String message =
                    switch (e.code()) {
                        case "SSH_AUTH_FAILED" ->
                            who + " refused the account's SSH key. Add the key shown when adding the VM to " + "~"
                                    + config.sshUser()
                                    + "/.ssh/authorized_keys on the VM (or check the user name), then retry.";
                        case "SSH_UNREACHABLE" ->
                            "Nothing answers SSH at " + config.publicIpv4() + ":22. Check that the VM runs and "
                                    + "that its subnet's security list allows TCP 22 from the internet, then retry.";
                        case "HOST_KEY_MISMATCH" ->
                            who + " presented a different SSH host key than at first contact; Xanthus will "
                                    + "not talk to it. If the VM was rebuilt, remove it from Xanthus and add it again.";
                        default -> who + ": " + e.getMessage();
                    };
            throw new AppException.Upstream(e.code(), message, Map.of(), e);
        }
    }

    /** As the VM's user: the host key gets pinned; the VM must have apt, and the user passwordless sudo. */
    private void connect(Principal principal, long id) {
        onVm(principal, id, (session, config) -> {
            if (!session.run(ServerCommands.hasApt().line()).succeeded()) {
                throw new AppException.Unprocessable(
                        "NOT_UBUNTU",
                        "The VM has no apt-get: Xanthus sets up Ubuntu (OCI's "
                                + "Canonical Ubuntu images). Oracle Linux and other systems are not supported.",
                        Map.of());
            }
            if (!ROOT.equals(config.sshUser())) {
                CommandResult sudo =
                        session.run(ServerCommands.passwordlessSudo().line());
                if (!sudo.succeeded()) {
                    throw new AppException.Unprocessable(
                            "NO_PASSWORDLESS_SUDO",
                            "User " + config.sshUser() + " cannot run "
                                    + "sudo without a password on the VM" + said(sudo)
                                    + ". Use the image's default user (ubuntu), which "
                                    + "can.",
                            Map.of());
                }
            }
            return null;
        });
    }

    /**
     * Through {@code sudo -n} as the VM's user: root gets the account key and sshd the template's drop-in; then the
     * config says root, and a root login proves it. When root is still refused, the config goes back to the user, so
     * a retry runs this again.
     */
    private void rootAccess(Principal principal, long id, String user) {
        if (!ROOT.equals(stored(principal, id).sshUser())) {
            String key = access.directory().accountKey(principal).publicKeyLine();
            CommandResult result = onVm(
                    principal,
                    id,
                    (session, config) ->
                            session.run(ServerCommands.rootAccess(key).line()));
            if (!result.succeeded()) {
                throw new AppException.Upstream(
                        "ROOT_ACCESS_FAILED",
                        "Letting root in with the account key failed on the VM" + said(result) + ".",
                        Map.of(),
                        null);
            }
            VpsConfig asRoot = stored(principal, id).withSshUser(ROOT);
            access.directory().save(principal, asRoot);
        }
        try {
            onVm(principal, id, (session, config) -> session.run("true"));
        } catch (AppException.Upstream e) {
            if (user != null && !ROOT.equals(user)) {
                VpsConfig back = stored(principal, id).withSshUser(user);
                access.directory().save(principal, back);
            }
            throw new AppException.Upstream(
                    "ROOT_LOGIN_REFUSED",
                    "The VM still refuses root with the account key after "
                            + "the sshd drop-in was installed (" + e.getMessage()
                            + "). Check for a PermitRootLogin no in "
                            + "/etc/ssh/sshd_config that comes before /etc/ssh/sshd_config.d, then retry.",
                    Map.of(),
                    e);
        }
    }

    /** As root: cloud-init's setup (packages, files, setup.sh) from the same template, in the background. */
    private void install(Principal principal, long id) {
        CommandResult result = onVm(principal, id, (session, config) -> {
            String hostname = RemoteValues.hostname(config.name());
            String zone = config.timezone() == null || config.timezone().isBlank()
                    ? "UTC"
                    : RemoteValues.timeZone(config.timezone());
            return session.run(ServerCommands.setupExisting(hostname, zone, CloudInit.Provider.OCI)
                    .line());
        });
        if (!result.succeeded()) {
            throw new AppException.Upstream(
                    "SETUP_NOT_STARTED",
                    "The setup could not be started on the VM" + said(result) + ".",
                    Map.of(),
                    null);
        }
    }

    private record Progress(String stage, String log) {}

    /** Reads the setup's stage until READY; FAILED fails with the end of the log. SSH hiccups are waited out. */
    private void waitReady(Principal principal, long id) throws InterruptedException {
        Instant deadline = clock.instant().plus(patience);
        String last = "none yet";
        while (true) {
            Progress progress = null;
            try {
                progress = onVm(principal, id, (session, config) -> {
                    String stage = session.run(ServerCommands.setupStage().line())
                            .stdout()
                            .trim();
                    String log = "FAILED".equals(stage)
                            ? session.run(ServerCommands.setupLogTail(LOG_LINES).line())
                                    .stdout()
                            : "";
                    return new Progress(stage, log);
                });
            } catch (AppException.Upstream e) {
                if (!List.of("SSH_UNREACHABLE", "SSH_TIMEOUT", "SSH_FAILED").contains(e.code())) {
                    throw e;
                }
            }
            if (progress != null && "READY".equals(progress.stage())) {
                return;
            }
            if (progress != null && "FAILED".equals(progress.stage())) {
                throw new AppException.Upstream(
                        "SETUP_FAILED",
                        "The setup failed on the VM. The end of " + "/opt/xanthus/setup.log:\n" + tail(progress.log()),
                        Map.of(),
                        null);
            }
            if (progress != null && !progress.stage().isEmpty()) {
                last = progress.stage();
            }
            if (clock.instant().isAfter(deadline)) {
                throw new AppException.Upstream(
                        "SETUP_SLOW",
                        "The setup did not finish within " + patience.toMinutes() + " minutes (last stage: " + last
                                + "); retry the job to keep waiting.",
                        Map.of(),
                        null);
            }
            Thread.sleep(pollEvery.toMillis());
        }
    }

    private static String said(CommandResult result) {
        String output = (result.stderr() == null ? "" : result.stderr().trim());
        if (output.isEmpty() && result.stdout() != null) {
            output = result.stdout().trim();
        }
        return " (exit " + result.exitStatus() + (output.isEmpty() ? "" : ": " + tail(output)) + ")";
    }

    private static String tail(String text) {
        String trimmed = text == null ? "" : text.strip();
        return trimmed.length() <= MAX_MESSAGE ? trimmed : "…" + trimmed.substring(trimmed.length() - MAX_MESSAGE);
    }

    static String startOciCleanup(
            JobStarter starter, Principal principal, long serverId, String region, String instanceId) {
        return starter.start(
                principal,
                OCI_CLEANUP,
                Long.toString(serverId),
                OCI_CLEANUP_STEPS,
                Map.of(REGION, region, INSTANCE, instanceId == null ? "" : instanceId),
                Map.of());
    }

    final class OciCleanup extends JobSteps.Named {
        OciCleanup() {
            super(OCI_CLEANUP, OCI_CLEANUP_STEPS);
        }

        @Override
        public void run(String step, Job job) throws Exception {
            Principal principal = JobStarter.principal(job, auth);
            OciCredentials credentials =
                    oci.credentials(principal).withRegion(job.params().get(REGION));
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
                throw new AppException.Upstream(
                        "OCI_TERMINATE_SLOW",
                        "The instance did not finish terminating within " + patience.toMinutes()
                                + " minutes; retry the job later.",
                        Map.of(),
                        null);
            }
            Thread.sleep(pollEvery.toMillis());
        }
    }

    /** Keeps the network while another live Xanthus instance exists; 409s (parts still terminating) are waited out. */
    private void removeNetwork(OciClient client, String compartment, String instanceId) throws InterruptedException {
        boolean inUse = Upstreams.oci(() -> client.listInstances(compartment)).stream()
                .anyMatch(i ->
                        OciInstances.tagged(i) && !i.id().equals(instanceId) && OciNetwork.live(i.lifecycleState()));
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
                    throw OciFailures.of(e);
                }
            }
            Thread.sleep(pollEvery.toMillis());
        }
    }
}
