package dev.xanthus.core.app;

import dev.xanthus.core.app.catalog.Catalog;
import dev.xanthus.core.auth.AuthService;
import dev.xanthus.core.job.JobRepository;
import dev.xanthus.core.job.JobRunner;
import dev.xanthus.core.job.JobStarter;
import dev.xanthus.core.lock.Leases;
import dev.xanthus.core.server.ServerAccess;
import dev.xanthus.core.server.ServerCapacity;
import dev.xanthus.core.server.ServerDirectory;
import dev.xanthus.core.server.ServerHealth;
import java.time.Clock;

/** The applications services, wired once over the same records, host claims and strategies. */
public record Applications(
        AppRecords records, AppDeployments deployments, AppCredentials credentials, PortForwards portForwards) {

    public static Applications create(
            Catalog catalog,
            AppStrategies strategies,
            VersionService versions,
            ServerAccess access,
            ServerDirectory servers,
            JobRepository jobs,
            JobRunner runner,
            AuthService auth,
            Leases leases,
            Clock clock,
            ServerCapacity capacities) {
        AppRecords records = new AppRecords(jobs);
        Hosts hosts = new Hosts(records, auth, leases);
        return new Applications(
                records,
                new AppDeployments(
                        catalog,
                        versions,
                        records,
                        hosts,
                        new ServerHealth(access, servers, clock),
                        servers,
                        jobs,
                        new JobStarter(jobs, runner, clock),
                        leases,
                        clock,
                        capacities),
                new AppCredentials(catalog, strategies, records, access, clock),
                new PortForwards(catalog, records, hosts, access, servers, clock));
    }
}
