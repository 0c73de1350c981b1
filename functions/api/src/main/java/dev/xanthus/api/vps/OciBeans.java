package dev.xanthus.api.vps;

import dev.xanthus.api.jobs.JobBeans;
import dev.xanthus.clients.oci.HttpOciClient;
import dev.xanthus.clients.oci.OciEndpoints;
import dev.xanthus.clients.ssh.SshjConnector;
import dev.xanthus.core.auth.AuthService;
import dev.xanthus.core.config.AppConfig;
import dev.xanthus.core.job.JobStarter;
import dev.xanthus.core.server.OciServers;
import dev.xanthus.core.server.OciSettings;
import dev.xanthus.core.server.ServerAccess;
import dev.xanthus.core.server.ServerDirectory;
import dev.xanthus.core.server.ServerJobs;
import dev.xanthus.core.server.SshAddressResolver;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Oracle Cloud: the user's API key, the servers, and the clean-up job, which the vps function starts and the deploy
 * worker runs. The simulator's base replaces OCI's per-region endpoints when {@code OCI_API_BASE} is set.
 */
@Configuration(proxyBeanMethods = false)
@Import(JobBeans.class)
public class OciBeans {

    @Bean
    OciSettings ociSettings(AppConfig config) {
        OciEndpoints endpoints = config.ociApi().map(OciEndpoints::fixed).orElseGet(OciEndpoints::real);
        return new OciSettings(credentials -> HttpOciClient.create(credentials, endpoints));
    }

    /**
     * Waits poll OCI (and an added VM's setup) every 5 s (every 200 ms against the simulator) for up to 20 minutes. The
     * SSH of the jobs is their own (the deploy worker has no vps {@code ServerAccess}); the sandbox's address mapping is
     * used when the context has one. Its kinds (clean-up, add-existing) reach the job engine as a {@code JobKinds} group.
     */
    @Bean
    ServerJobs serverJobs(
            OciSettings oci,
            AuthService auth,
            AppConfig config,
            Clock clock,
            ServerDirectory directory,
            ObjectProvider<SshAddressResolver> addresses) {
        Duration poll = config.ociApi().isPresent() ? Duration.ofMillis(200) : Duration.ofSeconds(5);
        ServerAccess access = new ServerAccess(
                SshjConnector.jobPath(), addresses.getIfAvailable(SshAddressResolver::direct), directory);
        return new ServerJobs(oci, auth, access, clock, poll, Duration.ofMinutes(20));
    }

    @Bean
    OciServers ociServers(OciSettings settings, JobStarter jobs, Clock clock, ServerDirectory directory) {
        return new OciServers(settings, jobs, clock, directory);
    }
}
