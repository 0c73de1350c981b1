package dev.xanthus.core.job;

import dev.xanthus.core.error.AppException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a job's steps in order under a lease: claims it, heartbeats while a step runs, records each step's state, and
 * finishes it as succeeded or failed. The same engine runs in the deploy-worker Lambda and in the local executor.
 */
public final class JobEngine {

    public static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(JobEngine.class);

    private final JobRepository jobs;
    private final Map<String, JobSteps> kinds;
    private final Clock clock;
    private final ScheduledExecutorService heartbeats;

    public JobEngine(JobRepository jobs, List<JobSteps> kinds, Clock clock) {
        this.jobs = jobs;
        this.kinds = kinds.stream().collect(java.util.stream.Collectors.toMap(JobSteps::kind, Function.identity()));
        this.clock = clock;
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "job-heartbeat");
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs the job if no live worker holds it; returns its final state (or the current one if it was not ours). */
    public Optional<Job> run(String jobId) {
        String worker = UUID.randomUUID().toString();
        Optional<Job> claimed = jobs.claim(jobId, worker);
        if (claimed.isEmpty()) {
            return jobs.find(jobId);
        }
        Job job = claimed.get();
        JobSteps steps = kinds.get(job.kind());
        if (steps == null) {
            throw new IllegalStateException("no steps for job kind " + job.kind());
        }
        ScheduledFuture<?> beat = heartbeats.scheduleAtFixedRate(
                () -> {
                    try {
                        jobs.heartbeat(jobId, worker);
                    } catch (RuntimeException e) {
                        log.warn(
                                "heartbeat of job {} failed: {}",
                                jobId,
                                e.getClass().getSimpleName());
                    }
                },
                HEARTBEAT_EVERY.toMillis(),
                HEARTBEAT_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            for (int i = 0; i < job.steps().size(); i++) {
                Job.Step step = job.steps().get(i);
                if (step.state() == Job.StepState.DONE) {
                    continue;
                }
                job = jobs.save(
                        withStep(job, i, new Job.Step(step.name(), Job.StepState.RUNNING, clock.instant(), null, null)),
                        worker);
                try {
                    steps.run(step.name(), job);
                } catch (JobRepository.LeaseLostException lost) {
                    throw lost;
                } catch (Exception e) {
                    String reason = reason(step.name(), e);
                    Job failed = withStep(
                            job,
                            i,
                            new Job.Step(
                                    step.name(),
                                    Job.StepState.FAILED,
                                    job.steps().get(i).startedAt(),
                                    clock.instant(),
                                    reason));
                    job = jobs.save(finish(failed, Job.Status.FAILED, reason), worker);
                    steps.onFailure(job, reason);
                    return Optional.of(job);
                }
                job = jobs.save(
                        withStep(
                                job,
                                i,
                                new Job.Step(
                                        step.name(),
                                        Job.StepState.DONE,
                                        job.steps().get(i).startedAt(),
                                        clock.instant(),
                                        null)),
                        worker);
            }
            steps.onSuccess(job);
            job = jobs.save(finish(job, Job.Status.SUCCEEDED, null), worker);
            return Optional.of(job);
        } catch (JobRepository.LeaseLostException lost) {
            log.warn("job {} was taken over by another worker; stopping", jobId);
            return jobs.find(jobId);
        } finally {
            beat.cancel(false);
        }
    }

    private static String reason(String step, Exception e) {
        if (e instanceof AppException app) {
            return app.getMessage();
        }
        log.error("step {} failed", step, e);
        return "Step '" + step + "' failed unexpectedly.";
    }

    private static Job withStep(Job job, int index, Job.Step step) {
        List<Job.Step> steps = new ArrayList<>(job.steps());
        steps.set(index, step);
        return job.with(job.status(), steps, job.error(), job.attempt(), job.updatedAt(), job.heartbeatAt());
    }

    private static Job finish(Job job, Job.Status status, String error) {
        return job.with(status, job.steps(), error, job.attempt(), job.updatedAt(), job.heartbeatAt());
    }
}
