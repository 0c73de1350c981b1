package dev.xanthus.core.job;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A long operation (deploy, upgrade, delete an app) run by a worker outside the request, as named steps. Each step
 * is idempotent, so a retry resumes at the first step that did not finish. {@code params} are plain values the steps
 * need; {@code secrets} (the user's Cloudflare token) are sealed at rest and only in memory here.
 */
public record Job(
        String id,
        String accountId,
        String kind,
        String subjectId,
        Status status,
        List<Step> steps,
        Map<String, String> params,
        Map<String, String> secrets,
        String error,
        int attempt,
        Instant createdAt,
        Instant updatedAt,
        Instant heartbeatAt) {

    /** The job's state; a {@code RUNNING} job whose worker stopped heartbeating reads as {@code FAILED}. */
    public enum Status {
        PENDING,
        RUNNING,
        SUCCEEDED,
        FAILED
    }

    /** One step's state. */
    public enum StepState {
        PENDING,
        RUNNING,
        DONE,
        FAILED
    }

    /** A step, with when it started and finished and, when it failed, why (worded for the user). */
    public record Step(String name, StepState state, Instant startedAt, Instant finishedAt, String message) {
        public static Step pending(String name) {
            return new Step(name, StepState.PENDING, null, null, null);
        }
    }

    public Job {
        steps = List.copyOf(steps);
        params = Map.copyOf(params);
        secrets = Map.copyOf(secrets);
    }

    /** This job in a new state: what a worker changes; who, what and when it was created stay. */
    public Job with(
            Status newStatus,
            List<Step> newSteps,
            String newError,
            int newAttempt,
            Instant newUpdatedAt,
            Instant newHeartbeatAt) {
        return new Job(
                id,
                accountId,
                kind,
                subjectId,
                newStatus,
                newSteps,
                params,
                secrets,
                newError,
                newAttempt,
                createdAt,
                newUpdatedAt,
                newHeartbeatAt);
    }

    public boolean finished() {
        return status == Status.SUCCEEDED || status == Status.FAILED;
    }

    /** Steps done out of all steps, 0–100. */
    public int progress() {
        long done = steps.stream().filter(s -> s.state() == StepState.DONE).count();
        return steps.isEmpty() ? 0 : (int) (done * 100 / steps.size());
    }

    @Override
    public String toString() {
        return "Job[" + id + " " + kind + " " + status + ", secrets=" + secrets.keySet() + "]";
    }
}
