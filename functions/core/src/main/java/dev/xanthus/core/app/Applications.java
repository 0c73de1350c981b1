package dev.xanthus.core.app;

import dev.xanthus.core.auth.AuthService;
import dev.xanthus.core.job.JobStarter;
import dev.xanthus.core.server.ServerCapacity;

/** The applications services, wired once over the same records, host claims and strategies. */
public record Applications(
        AppRecords records, AppDeployments deployments, AppCredentials credentials, PortForwards portForwards) {

    /** The services over one context; deploys and upgrades start their jobs with {@code starter}. */
    public static Applications create(
            AppContext context,
            AppStrategies strategies,
            VersionService versions,
            JobStarter starter,
            AuthService auth,
            ServerCapacity capacities) {
        Hosts hosts = new Hosts(context, auth);
        return new Applications(
                context.records(),
                new AppDeployments(context, versions, hosts, starter, capacities),
                new AppCredentials(context, strategies),
                new PortForwards(context, hosts));
    }
}
