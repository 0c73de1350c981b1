package dev.xanthus.core.job;

import dev.xanthus.core.auth.AuthService;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.kv.KvStore;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Creates a job acting as the signed-in user and hands it to the runner; the worker gets the same user back with
 * {@link #principal}. The Cloudflare token travels in the job's sealed secrets, the KV namespace in its params.
 */
public record JobStarter(JobRepository jobs, JobRunner runner, Clock clock) {

    public static final String NAMESPACE_ID = "namespaceId";
    public static final String TOKEN = "cloudflareToken";

    /** Stores a pending job of {@code kind} about {@code subjectId} and submits it; answers its id. */
    public String start(
            Principal principal,
            String kind,
            String subjectId,
            List<String> steps,
            Map<String, String> params,
            Map<String, String> extraSecrets) {
        return start(principal, UUID.randomUUID().toString(), kind, subjectId, steps, params, extraSecrets);
    }

    /** As above, with an id chosen by the caller (who recorded it somewhere first). */
    public String start(
            Principal principal,
            String jobId,
            String kind,
            String subjectId,
            List<String> steps,
            Map<String, String> params,
            Map<String, String> extraSecrets) {
        Instant now = clock.instant();
        Map<String, String> allParams = new LinkedHashMap<>(params);
        allParams.put(NAMESPACE_ID, principal.namespaceId());
        Map<String, String> secrets = new LinkedHashMap<>(extraSecrets);
        secrets.put(TOKEN, principal.cloudflareToken());
        jobs.create(new Job(
                jobId,
                principal.accountId(),
                kind,
                subjectId,
                Job.Status.PENDING,
                steps.stream().map(Job.Step::pending).toList(),
                allParams,
                secrets,
                null,
                0,
                now,
                now,
                now));
        runner.submit(jobId);
        return jobId;
    }

    /** The user as the job acts: the token from the job's secrets, KV bound to the namespace in its params. */
    public static Principal principal(Job job, AuthService auth) {
        String token = job.secrets().get(TOKEN);
        String namespace = job.params().get(NAMESPACE_ID);
        Principal bare = new Principal(job.accountId(), null, null, namespace, null, token, null, null, null);
        KvStore kv = new KvStore(auth.cloudflareFor(bare), job.accountId(), namespace);
        return new Principal(job.accountId(), null, null, namespace, null, token, null, null, kv);
    }
}
