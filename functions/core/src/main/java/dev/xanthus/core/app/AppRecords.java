package dev.xanthus.core.app;

import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.crypto.GoTokenCipher;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.job.Job;
import dev.xanthus.core.job.JobRepository;
import dev.xanthus.core.kv.KvKeys;
import dev.xanthus.core.kv.KvStore;
import dev.xanthus.core.server.PortForward;
import dev.xanthus.core.upstream.Upstreams;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code app:*} keys of the user's KV, in the Go program's schema: {@code app:<id>} (the record),
 * {@code app:<id>:password} (sealed with the token-derived key) and {@code app:<id>:port-forwards}. Every read and
 * write of them goes through here.
 */
public final class AppRecords {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JobRepository jobs;

    public AppRecords(JobRepository jobs) {
        this.jobs = jobs;
    }

    /**
     * Every app of the account — one key listing and one bulk read per 100 apps, so 50 apps cost two Cloudflare calls;
     * no SSH — with the state of unfinished jobs.
     */
    public List<Application> list(Principal principal) {
        KvStore kv = principal.kv();
        Map<String, Application> apps =
                Upstreams.cloudflare(() -> kv.getAllUnder(KvKeys.APP_PREFIX, KvKeys::isApp, Application.class));
        return apps.values().stream().map(this::live).toList();
    }

    public Application get(Principal principal, String id) {
        return live(require(principal, id));
    }

    /** The stored record; 400 for a malformed id, 404 when there is none. */
    Application require(Principal principal, String id) {
        String valid = appId(id);
        try {
            return Upstreams.cloudflare(() -> principal.kv().get(Application.kvKey(valid), Application.class))
                    .orElseThrow(
                            () -> AppException.notFound("APP_NOT_FOUND", "There is no application " + valid + "."));
        } catch (KvStore.KvFormatException e) {
            throw new AppException.Unprocessable(
                    "APP_RECORD_UNREADABLE", "The stored application is not readable.", Map.of());
        }
    }

    /** The record of an app that is running; 409 otherwise. */
    Application running(Principal principal, String id) {
        Application app = require(principal, id);
        if (!Application.RUNNING.equals(app.status())) {
            throw AppException.conflict("APP_NOT_RUNNING", "The application is " + app.status() + ", not running.");
        }
        return app;
    }

    void put(Principal principal, Application app) {
        Upstreams.cloudflareRun(() -> principal.kv().put(Application.kvKey(app.id()), app));
    }

    /** The app's job while it has not finished (a deploy, upgrade or delete under way), if it names one. */
    Optional<Job> unfinishedJob(Application app) {
        return app.jobId() == null ? Optional.empty() : jobs.find(app.jobId()).filter(j -> !j.finished());
    }

    /** An app in progress whose job failed (e.g. its worker died) reads as failed with the job's reason. */
    private Application live(Application app) {
        if (!inProgress(app) || app.jobId() == null || !app.jobId().matches("[A-Za-z0-9-]{1,64}")) {
            return app;
        }
        Optional<Job> job = jobs.find(app.jobId());
        if (job.isPresent() && job.get().status() == Job.Status.FAILED) {
            return app.withStatus(Application.FAILED, job.get().error(), app.updatedAt());
        }
        return app;
    }

    static boolean inProgress(Application app) {
        return Application.CREATING.equals(app.status())
                || Application.UPDATING.equals(app.status())
                || Application.DELETING.equals(app.status());
    }

    static String appId(String id) {
        if (id == null || !id.matches("app-[a-z0-9-]{1,40}")) {
            throw AppException.badRequest("INVALID_APP_ID", "An application id looks like app-1a2b3c4d5e6f.");
        }
        return id;
    }

    // ---------------------------------------------------------------- app:<id>:password

    Optional<String> storedPassword(Principal principal, Application app) {
        Optional<Map> stored = Upstreams.cloudflare(() -> {
            try {
                return principal.kv().get(passwordKey(app.id()), Map.class);
            } catch (KvStore.KvFormatException e) {
                return Optional.<Map>empty();
            }
        });
        return stored.map(m -> m.get("password"))
                .filter(String.class::isInstance)
                .map(String.class::cast)
                .flatMap(sealedPassword -> {
                    try {
                        return Optional.of(new GoTokenCipher(principal.cloudflareToken()).decrypt(sealedPassword));
                    } catch (RuntimeException e) {
                        return Optional.empty();
                    }
                });
    }

    /** KV {@code app:<id>:password} as the Go program wrote it: AES-GCM under the token-derived key. */
    void storePassword(Principal principal, String appId, String password) {
        String sealedPassword = new GoTokenCipher(principal.cloudflareToken()).encrypt(password);
        Upstreams.cloudflareRun(() -> principal.kv().put(passwordKey(appId), Map.of("password", sealedPassword)));
    }

    static String passwordKey(String appId) {
        return KvKeys.appPassword(appId);
    }

    // ---------------------------------------------------------------- app:<id>:port-forwards

    List<PortForward> forwards(Principal principal, String appId) {
        try {
            return Upstreams.cloudflare(() -> principal.kv().get(PortForward.kvKey(appId), PortForward[].class))
                    .map(List::of)
                    .orElse(List.of());
        } catch (KvStore.KvFormatException e) {
            return List.of();
        }
    }

    void putForwards(Principal principal, String appId, List<PortForward> forwards) {
        Upstreams.cloudflareRun(() -> principal.kv().put(PortForward.kvKey(appId), forwards));
    }

    /** Every key of the app, for the one bulk delete that removes it. */
    static List<String> allKeys(String appId) {
        return KvKeys.appKeys(appId);
    }

    // ---------------------------------------------------------------- ids and errors

    static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    static AppException notSupported(Application app, String what) {
        return new AppException.Unprocessable(
                "NOT_SUPPORTED",
                app.appType() + " has no " + what + " Xanthus manages.",
                Map.of("app_type", app.appType()));
    }
}
