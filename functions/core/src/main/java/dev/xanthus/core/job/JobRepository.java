package dev.xanthus.core.job;

import static dev.xanthus.core.dynamo.Items.n;
import static dev.xanthus.core.dynamo.Items.num;
import static dev.xanthus.core.dynamo.Items.s;
import static dev.xanthus.core.dynamo.Items.str;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.xanthus.core.crypto.SecretBox;
import dev.xanthus.core.dynamo.Expr;
import dev.xanthus.core.dynamo.Items;
import dev.xanthus.core.dynamo.Table;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Jobs in the single table ({@code pk = JOB#<id>}). A worker holds a job through a lease: it claims the job with a
 * conditional write, heartbeats, and every write it makes is conditional on still holding the lease. A job whose
 * heartbeat is older than {@link #LEASE} is read as failed, so nothing stays "deploying" after its worker died.
 */
public final class JobRepository {

    public static final Duration LEASE = Duration.ofMinutes(2);
    private static final Duration KEEP = Duration.ofDays(30);
    private static final String SK = "JOB";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final TypeReference<List<Job.Step>> STEPS = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {};

    private final Table table;
    private final SecretBox box;

    public JobRepository(DynamoDbClient client, String table, SecretBox box, Clock clock) {
        this.table = new Table(client, table, clock);
        this.box = box;
    }

    /** Thrown when another worker took the job over (this one's lease expired). */
    public static final class LeaseLostException extends RuntimeException {
        LeaseLostException(String jobId) {
            super("lost the lease on job " + jobId, null, false, false);
        }
    }

    public void create(Job job) {
        if (!table.putIf(toItem(job), Expr.absent())) {
            throw new IllegalStateException("job " + job.id() + " exists already");
        }
    }

    /** The job as users see it: a running job without a live heartbeat is reported (and recorded) as failed. */
    public Optional<Job> find(String id) {
        Optional<Job> job = table.find(key(id)).map(this::fromItem);
        if (job.isPresent() && isAbandoned(job.get())) {
            Job failed = abandoned(job.get());
            Expr stillAbandoned = running("heartbeatAt = :hb AND #s = :running")
                    .value(":hb", job.get().heartbeatAt().toEpochMilli());
            return table.putIf(toItem(failed), stillAbandoned) ? Optional.of(failed) : find(id);
        }
        return job;
    }

    /**
     * Takes the job for {@code worker}: allowed when it is pending, failed (a retry), or running with an expired lease.
     * Returns the job as claimed, or empty when another worker holds a live lease or it already succeeded.
     */
    public Optional<Job> claim(String id, String worker) {
        Optional<Job> current = find(id);
        if (current.isEmpty()
                || current.get().status() == Job.Status.SUCCEEDED
                || (current.get().status() == Job.Status.RUNNING && !isAbandoned(current.get()))) {
            return Optional.empty();
        }
        Job before = current.get();
        Instant now = table.now();
        Job claimed = before.with(
                Job.Status.RUNNING,
                before.steps().stream()
                        .map(s -> s.state() == Job.StepState.DONE ? s : Job.Step.pending(s.name()))
                        .toList(),
                null,
                before.attempt() + 1,
                now,
                now);
        Map<String, AttributeValue> item = toItem(claimed);
        item.put("worker", s(worker));
        return table.putIf(item, unchangedSince(before)) ? Optional.of(claimed) : Optional.empty();
    }

    /**
     * Puts a failed job back in the queue (status {@code PENDING}), so whoever polls sees the retry at once rather than
     * the old failure until a worker claims it. Returns the job as requeued, or empty when it was not failed.
     */
    public Optional<Job> requeue(String id) {
        Optional<Job> current = find(id);
        if (current.isEmpty() || current.get().status() != Job.Status.FAILED) {
            return Optional.empty();
        }
        Job before = current.get();
        Job pending = before.with(
                Job.Status.PENDING, before.steps(), null, before.attempt(), table.now(), before.heartbeatAt());
        return table.putIf(toItem(pending), unchangedSince(before)) ? Optional.of(pending) : Optional.empty();
    }

    /** Writes the job's new state if {@code worker} still holds it; refreshes the heartbeat. */
    public Job save(Job job, String worker) {
        Instant now = table.now();
        Job saved = job.with(job.status(), job.steps(), job.error(), job.attempt(), now, now);
        Map<String, AttributeValue> item = toItem(saved);
        item.put("worker", s(worker));
        if (!table.putIf(item, heldBy(worker))) {
            throw new LeaseLostException(job.id());
        }
        return saved;
    }

    /** Refreshes the heartbeat only. */
    public void heartbeat(String id, String worker) {
        Expr beat = Expr.of("SET heartbeatAt = :now").value(":now", table.now().toEpochMilli());
        if (!table.updateIf(key(id), beat, heldBy(worker))) {
            throw new LeaseLostException(id);
        }
    }

    /** A condition on a running job: {@code #s} is its status, {@code :running} the running state. */
    private static Expr running(String condition) {
        return Expr.of(condition).name("#s", "status").value(":running", Job.Status.RUNNING.name());
    }

    /** The job is running and {@code worker} holds its lease. */
    private static Expr heldBy(String worker) {
        return running("worker = :me AND #s = :running").value(":me", worker);
    }

    /** Nobody wrote the job since {@code seen} was read. */
    private static Expr unchangedSince(Job seen) {
        return Expr.of("updatedAt = :seen").value(":seen", seen.updatedAt().toEpochMilli());
    }

    private boolean isAbandoned(Job job) {
        return job.status() == Job.Status.RUNNING
                && job.heartbeatAt().plus(LEASE).isBefore(table.now());
    }

    private Job abandoned(Job job) {
        List<Job.Step> steps = job.steps().stream()
                .map(s -> s.state() == Job.StepState.RUNNING
                        ? new Job.Step(
                                s.name(),
                                Job.StepState.FAILED,
                                s.startedAt(),
                                table.now(),
                                "The worker stopped responding.")
                        : s)
                .toList();
        return job.with(
                Job.Status.FAILED,
                steps,
                "The worker running this job stopped responding; retry to resume from the unfinished step.",
                job.attempt(),
                table.now(),
                job.heartbeatAt());
    }

    private static Map<String, AttributeValue> key(String id) {
        return Items.key("JOB#" + id, SK);
    }

    private Map<String, AttributeValue> toItem(Job job) {
        Map<String, AttributeValue> item = new HashMap<>(key(job.id()));
        Map<String, AttributeValue> sealed = new HashMap<>();
        job.secrets().forEach((k, v) -> sealed.put(k, s(box.seal(v, "job:" + job.id() + ":" + k))));
        try {
            item.put("steps", s(JSON.writeValueAsString(job.steps())));
            item.put("params", s(JSON.writeValueAsString(job.params())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        item.put("accountId", s(job.accountId()));
        item.put("kind", s(job.kind()));
        item.put("subjectId", s(job.subjectId()));
        item.put("status", s(job.status().name()));
        item.put("secrets", AttributeValue.fromM(sealed));
        if (job.error() != null) {
            item.put("error", s(job.error()));
        }
        item.put("attempt", n(job.attempt()));
        item.put("createdAt", n(job.createdAt().toEpochMilli()));
        item.put("updatedAt", n(job.updatedAt().toEpochMilli()));
        item.put("heartbeatAt", n(job.heartbeatAt().toEpochMilli()));
        item.put(Items.TTL, Items.ttl(job.createdAt().plus(KEEP)));
        return item;
    }

    private Job fromItem(Map<String, AttributeValue> item) {
        String id = str(item, Items.PK).substring("JOB#".length());
        Map<String, String> secrets = new HashMap<>();
        item.getOrDefault("secrets", AttributeValue.fromM(Map.of()))
                .m()
                .forEach((k, v) -> secrets.put(k, box.open(v.s(), "job:" + id + ":" + k)));
        try {
            return new Job(
                    id,
                    str(item, "accountId"),
                    str(item, "kind"),
                    str(item, "subjectId"),
                    Job.Status.valueOf(str(item, "status")),
                    JSON.readValue(str(item, "steps"), STEPS),
                    JSON.readValue(str(item, "params"), STRINGS),
                    secrets,
                    str(item, "error"),
                    (int) num(item, "attempt"),
                    Instant.ofEpochMilli(num(item, "createdAt")),
                    Instant.ofEpochMilli(num(item, "updatedAt")),
                    Instant.ofEpochMilli(num(item, "heartbeatAt")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt job item " + id, e);
        }
    }
}
