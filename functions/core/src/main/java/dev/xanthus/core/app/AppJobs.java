package dev.xanthus.core.app;

import dev.xanthus.core.app.catalog.Capability;
import dev.xanthus.core.app.catalog.CatalogApp;
import dev.xanthus.core.auth.AuthService;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.dns.DnsRecords;
import dev.xanthus.core.dns.DomainSslConfig;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.job.Job;
import dev.xanthus.core.job.JobKinds;
import dev.xanthus.core.job.JobStarter;
import dev.xanthus.core.job.JobSteps;
import dev.xanthus.core.kv.KvKeys;
import dev.xanthus.core.kv.KvStore;
import dev.xanthus.core.server.PortForward;
import dev.xanthus.core.server.VpsConfig;
import dev.xanthus.core.upstream.Upstreams;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The deploy, upgrade and delete jobs of an application. Every step is idempotent (apply, upgrade --install,
 * uninstall --ignore-not-found, upsert / delete of our own DNS records), so a retry simply runs the unfinished steps
 * again. The worker has no session: it acts with the user's Cloudflare token carried, sealed, in the job.
 */
public record AppJobs(AppContext context, AppStrategies strategies, AuthService auth) implements JobKinds {

    public static final String DEPLOY = "deploy";
    public static final String UPGRADE = "upgrade";
    public static final String DELETE = "delete";
    static final String VERSION = "version";
    static final String PURGE = "purgeData";
    static final String SECRET_KEY = "secretKey";

    static final List<String> DEPLOY_STEPS =
            List.of("namespace", "chart", "values", "helm", "tls_secret", "dns_record", "credentials");
    static final List<String> UPGRADE_STEPS = List.of("chart", "values", "helm");
    static final List<String> DELETE_STEPS =
            List.of("helm_uninstall", "namespace_objects", "dns_records", "kv_records");

    static List<String> steps(String kind) {
        return switch (kind) {
            case DEPLOY -> DEPLOY_STEPS;
            case UPGRADE -> UPGRADE_STEPS;
            case DELETE -> DELETE_STEPS;
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @Override
    public List<JobSteps> kinds() {
        return List.of(new Deploy(), new Upgrade(), new Delete());
    }

    Principal principal(Job job) {
        return JobStarter.principal(job, auth);
    }

    /** The job's application record, if it still exists. */
    private static Optional<Application> record(Principal principal, Job job) {
        return Upstreams.cloudflare(() -> principal.kv().get(Application.kvKey(job.subjectId()), Application.class));
    }

    private <T> T remote(Principal principal, Application app, Function<AppRemote, T> work) {
        return context.remote(principal, app, work);
    }

    private void remoteRun(Principal principal, Application app, java.util.function.Consumer<AppRemote> work) {
        remote(principal, app, r -> {
            work.accept(r);
            return null;
        });
    }

    private void setStatus(Job job, String status, String error, String version) {
        Principal principal = principal(job);
        record(principal, job).filter(a -> job.id().equals(a.jobId())).ifPresent(a -> {
            Application updated = a.withStatus(status, error, context.now());
            if (version != null) {
                CatalogApp entry = context.catalog().require(a.appType());
                updated = updated.withVersion(version, AppRemote.chartVersion(entry, version));
            }
            Application saved = updated;
            Upstreams.cloudflareRun(() -> principal.kv().put(Application.kvKey(a.id()), saved));
        });
    }

    /** Chart and values for install and upgrade alike. */
    private String chartRef(Principal principal, Application app, String version) {
        CatalogApp entry = context.catalog().require(app.appType());
        return remote(principal, app, r -> r.chart(entry, version));
    }

    private void values(Principal principal, Job job, Application app, String version, boolean upgrade) {
        CatalogApp entry = context.catalog().require(app.appType());
        VpsConfig server = context.servers().require(principal, app.serverId());
        String zone = server.timezone() == null || server.timezone().isBlank() ? "UTC" : server.timezone();
        remoteRun(principal, app, r -> {
            String secretKey = job.secrets().get(SECRET_KEY);
            if (upgrade && entry.has(Capability.SECRET_KEY)) {
                secretKey = r.currentSecretKey(app);
                if (secretKey == null) {
                    secretKey = AppRecords.randomHex(32);
                }
            }
            r.values(app, entry, version, zone, secretKey);
        });
    }

    private void helm(Principal principal, Application app, String version) {
        CatalogApp entry = context.catalog().require(app.appType());
        remoteRun(principal, app, r -> {
            // chart preparation is cheap and idempotent; repeating it here keeps a retry of this step self-contained
            String chart = r.chart(entry, version);
            r.helm(app, chart, AppRemote.chartVersion(entry, version), AppRemote.appDir(app.id()) + "/values.yaml");
        });
    }

    /** What the three kinds share: that a failed job marks the app failed with the reason. */
    private abstract class Kind extends JobSteps.Named {
        Kind(String kind, List<String> steps) {
            super(kind, steps);
        }

        @Override
        public void onFailure(Job job, String reason) {
            setStatus(job, Application.FAILED, reason, null);
        }
    }

    /** Deploy and upgrade: both work on the application record, which must still exist, at the job's version. */
    private abstract class Install extends Kind {
        Install(String kind, List<String> steps) {
            super(kind, steps);
        }

        @Override
        public final void run(String step, Job job) {
            Principal principal = principal(job);
            Application app = record(principal, job)
                    .orElseThrow(() -> AppException.notFound("APP_NOT_FOUND", "The application record is gone."));
            run(step, job, principal, app, job.params().get(VERSION));
        }

        abstract void run(String step, Job job, Principal principal, Application app, String version);
    }

    final class Deploy extends Install {
        Deploy() {
            super(DEPLOY, DEPLOY_STEPS);
        }

        @Override
        void run(String step, Job job, Principal principal, Application app, String version) {
            switch (step) {
                case "namespace" -> remoteRun(principal, app, r -> r.namespace(app.id(), app.namespace()));
                case "chart" -> chartRef(principal, app, version);
                case "values" -> values(principal, job, app, version, false);
                case "helm" -> helm(principal, app, version);
                case "tls_secret" -> {
                    DomainSslConfig ssl = Upstreams.cloudflare(() ->
                                    principal.kv().get(DomainSslConfig.kvKey(app.domain()), DomainSslConfig.class))
                            .orElseThrow(() -> new AppException.Unprocessable(
                                    "DOMAIN_NOT_MANAGED",
                                    app.domain() + " is no longer managed by Xanthus (no origin certificate).",
                                    Map.of()));
                    remoteRun(
                            principal,
                            app,
                            r -> r.tlsSecret(
                                    app.id(), app.namespace(), app.domain(), ssl.certificate(), ssl.privateKey()));
                }
                case "dns_record" -> {
                    VpsConfig server = context.servers().require(principal, app.serverId());
                    new DnsRecords(auth.cloudflareFor(principal))
                            .upsertA(app.domain(), app.host(), server.publicIpv4());
                }
                case "credentials" -> {
                    strategies
                            .passwords(app.appType())
                            .flatMap(passwords -> remote(principal, app, r -> passwords.afterDeploy(r, app)))
                            .ifPresent(initial -> context.records().storePassword(principal, app.id(), initial));
                    remoteRun(principal, app, r -> r.cleanFiles(app.id()));
                }
                default -> throw new IllegalArgumentException(step);
            }
        }

        @Override
        public void onSuccess(Job job) {
            setStatus(job, Application.RUNNING, null, null);
        }
    }

    final class Upgrade extends Install {
        Upgrade() {
            super(UPGRADE, UPGRADE_STEPS);
        }

        @Override
        void run(String step, Job job, Principal principal, Application app, String version) {
            switch (step) {
                case "chart" -> chartRef(principal, app, version);
                case "values" -> values(principal, job, app, version, true);
                case "helm" -> {
                    helm(principal, app, version);
                    remoteRun(principal, app, r -> r.cleanFiles(app.id()));
                }
                default -> throw new IllegalArgumentException(step);
            }
        }

        @Override
        public void onSuccess(Job job) {
            setStatus(job, Application.RUNNING, null, job.params().get(VERSION));
        }
    }

    final class Delete extends Kind {
        Delete() {
            super(DELETE, DELETE_STEPS);
        }

        @Override
        public void run(String step, Job job) {
            Principal principal = principal(job);
            Optional<Application> found = record(principal, job);
            if (found.isEmpty()) {
                return; // a retry after the KV step: nothing left to do
            }
            Application app = found.get();
            List<PortForward> forwards = context.records().forwards(principal, app.id());
            // A server that is gone (deleted, or never created) has nothing left to uninstall: only DNS and KV remain.
            boolean serverGone = (step.equals("helm_uninstall") || step.equals("namespace_objects"))
                    && context.servers().find(principal, app.serverId()).isEmpty();
            if (serverGone) {
                return;
            }
            switch (step) {
                case "helm_uninstall" -> remoteRun(principal, app, r -> r.uninstall(app));
                case "namespace_objects" -> {
                    boolean purge = Boolean.parseBoolean(job.params().get(PURGE));
                    boolean secretShared = others(principal, app).stream()
                            .anyMatch(o -> o.serverId() == app.serverId()
                                    && app.namespace().equals(o.namespace())
                                    && app.domain().equals(o.domain()));
                    remoteRun(principal, app, r -> {
                        for (PortForward forward : forwards) {
                            r.deleteObject("ingress", forward.ingressName(), app.namespace());
                            r.deleteObject("service", forward.serviceName(), app.namespace());
                        }
                        if (!secretShared) {
                            r.deleteObject("secret", AppRemote.tlsSecretName(app.domain()), app.namespace());
                        }
                        if (purge) {
                            r.deleteVolumes(app);
                        }
                        r.cleanFiles(app.id());
                    });
                }
                case "dns_records" -> {
                    DnsRecords dns = new DnsRecords(auth.cloudflareFor(principal));
                    dns.delete(app.domain(), app.host());
                    for (PortForward forward : forwards) {
                        dns.delete(forward.domain(), forward.subdomain() + "." + forward.domain());
                    }
                }
                case "kv_records" -> {
                    KvStore kv = principal.kv();
                    // One bulk delete; the app record goes with its satellites, so a retry of this step is the same
                    // call.
                    Upstreams.cloudflareRun(() -> kv.deleteAll(AppRecords.allKeys(app.id())));
                }
                default -> throw new IllegalArgumentException(step);
            }
        }

        private List<Application> others(Principal principal, Application app) {
            KvStore kv = principal.kv();
            String own = KvKeys.app(app.id());
            return List.copyOf(Upstreams.cloudflare(() -> kv.getAllUnder(
                            KvKeys.APP_PREFIX, k -> KvKeys.isApp(k) && !k.equals(own), Application.class))
                    .values());
        }
    }
}
