package dev.xanthus.core.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.error.AppException;
import java.time.Instant;
import java.util.List;

/** The signed-in user's jobs as the UI sees them, and retrying a failed one. */
public final class JobService {

    private final JobRepository jobs;
    private final JobRunner runner;

    public JobService(JobRepository jobs, JobRunner runner) {
        this.jobs = jobs;
        this.runner = runner;
    }

    /** A job as the UI shows it; never its secrets or internal parameters. */
    public record JobView(
            @JsonProperty("id") String id,
            @JsonProperty("kind") String kind,
            @JsonProperty("subjectId") String subjectId,
            @JsonProperty("status") String status,
            @JsonProperty("progress") int progress,
            @JsonProperty("steps") List<Job.Step> steps,
            @JsonProperty("error") String error,
            @JsonProperty("attempt") int attempt,
            @JsonProperty("createdAt") Instant createdAt,
            @JsonProperty("updatedAt") Instant updatedAt) {

        static JobView of(Job job) {
            return new JobView(
                    job.id(),
                    job.kind(),
                    job.subjectId(),
                    job.status().name().toLowerCase(),
                    job.progress(),
                    job.steps(),
                    job.error(),
                    job.attempt(),
                    job.createdAt(),
                    job.updatedAt());
        }
    }

    /** The user's job {@code id}: 400 for a malformed id, 404 for one that is not theirs or not there. */
    public JobView get(Principal principal, String id) {
        return JobView.of(owned(principal, id));
    }

    /** Runs a failed job again from where it stopped (its steps are idempotent); 409 unless it failed. */
    public JobView retry(Principal principal, String id) {
        Job job = owned(principal, id);
        if (job.status() != Job.Status.FAILED) {
            throw AppException.conflict(
                    "JOB_NOT_FAILED",
                    "Only a failed job can be retried; this one is "
                            + job.status().name().toLowerCase() + ".");
        }
        Job requeued = jobs.requeue(job.id())
                .orElseThrow(() -> AppException.conflict("JOB_NOT_FAILED", "The job changed meanwhile; reload it."));
        runner.submit(requeued.id());
        return JobView.of(requeued);
    }

    private Job owned(Principal principal, String id) {
        if (id == null || !id.matches("[A-Za-z0-9-]{1,64}")) {
            throw AppException.badRequest("INVALID_JOB_ID", "A job id is letters, digits and dashes.");
        }
        return jobs.find(id)
                .filter(j -> j.accountId().equals(principal.accountId()))
                .orElseThrow(() -> AppException.notFound("JOB_NOT_FOUND", "There is no such job."));
    }
}
