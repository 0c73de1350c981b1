package dev.xanthus.api.apps;

import dev.xanthus.api.jobs.JobBeans;
import dev.xanthus.clients.hetzner.HttpHetznerClient;
import dev.xanthus.clients.http.JsonHttp;
import dev.xanthus.clients.http.RetryAdvice;
import dev.xanthus.clients.releases.HttpReleasesClient;
import dev.xanthus.clients.releases.ReleasesClient;
import dev.xanthus.clients.ssh.SshjConnector;
import dev.xanthus.core.app.AppContext;
import dev.xanthus.core.app.AppJobs;
import dev.xanthus.core.app.AppRecords;
import dev.xanthus.core.app.AppStrategies;
import dev.xanthus.core.app.Applications;
import dev.xanthus.core.app.VersionService;
import dev.xanthus.core.app.catalog.Catalog;
import dev.xanthus.core.auth.AuthService;
import dev.xanthus.core.config.AppConfig;
import dev.xanthus.core.job.JobRepository;
import dev.xanthus.core.job.JobStarter;
import dev.xanthus.core.lock.Leases;
import dev.xanthus.core.server.HetznerKeys;
import dev.xanthus.core.server.ServerAccess;
import dev.xanthus.core.server.ServerCapacity;
import dev.xanthus.core.server.ServerDirectory;
import dev.xanthus.core.server.SshAddressResolver;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** What the applications function and the deploy worker share: the catalog, versions and the job machinery. */
@Configuration(proxyBeanMethods = false)
@Import(JobBeans.class)
public class ApplicationsBeans {

    @Bean
    Catalog catalog() {
        return Catalog.load();
    }

    @Bean
    ReleasesClient releasesClient(AppConfig config) {
        return new HttpReleasesClient(
                JsonHttp.create(RetryAdvice.retryAfter()), config.githubApi(), config.helmIndexMirror());
    }

    @Bean
    VersionService versionService(
            Catalog catalog, ReleasesClient releases, DynamoDbClient dynamo, AppConfig config, Clock clock) {
        return new VersionService(catalog, releases, dynamo, config.tableName(), clock);
    }

    /** Deploy, upgrade and delete: the job engine runs every {@code JobKinds} group in the context. */
    @Bean
    AppStrategies appStrategies(Catalog catalog, Clock clock) {
        return AppStrategies.standard(catalog, clock);
    }

    /**
     * The applications' context over {@code connector} (the request path's SSH timeouts or the jobs'). Not a bean, so
     * the vps function's {@code ServerAccess} stays the only one in a context that holds both.
     */
    static AppContext context(
            Catalog catalog,
            JobRepository jobs,
            SshjConnector connector,
            ObjectProvider<SshAddressResolver> addresses,
            ServerDirectory directory,
            Leases leases,
            Clock clock) {
        ServerAccess access =
                new ServerAccess(connector, addresses.getIfAvailable(SshAddressResolver::direct), directory);
        return new AppContext(catalog, new AppRecords(jobs), access, directory, leases, clock);
    }

    @Bean
    AppJobs appJobs(
            Catalog catalog,
            AppStrategies strategies,
            JobRepository jobs,
            ObjectProvider<SshAddressResolver> addresses,
            ServerDirectory directory,
            Leases leases,
            AuthService auth,
            Clock clock) {
        return new AppJobs(
                context(catalog, jobs, SshjConnector.jobPath(), addresses, directory, leases, clock), strategies, auth);
    }

    /**
     * Reads a server's size from Hetzner with the account's key when its KV config lacks it (servers the Go program
     * made). Its own Hetzner transport, not a bean, so a context that also holds the vps function's keeps one.
     */
    static ServerCapacity capacities(AppConfig config) {
        HttpHetznerClient transport =
                new HttpHetznerClient(JsonHttp.create(RetryAdvice.rateLimitReset()), config.hetznerApi(), "");
        return new ServerCapacity(new HetznerKeys(transport::withToken));
    }

    @Bean
    Applications applications(
            Catalog catalog,
            AppStrategies strategies,
            VersionService versions,
            ObjectProvider<SshAddressResolver> addresses,
            ServerDirectory directory,
            JobRepository jobs,
            JobStarter starter,
            AuthService auth,
            Leases leases,
            Clock clock,
            AppConfig config) {
        return Applications.create(
                context(catalog, jobs, SshjConnector.requestPath(), addresses, directory, leases, clock),
                strategies,
                versions,
                starter,
                auth,
                capacities(config));
    }
}
