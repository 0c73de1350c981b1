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
import dev.xanthus.core.dynamo.Items;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

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

  private final DynamoDbClient client;
  private final String table;
  private final SecretBox box;
  private final Clock clock;

  public JobRepository(DynamoDbClient client, String table, SecretBox box, Clock clock) {
    this.client = client;
    this.table = table;
    this.box = box;
    this.clock = clock;
  }

  /** Thrown when another worker took the job over (this one's lease expired). */
  public static final class LeaseLostException extends RuntimeException {
    LeaseLostException(String jobId) {
      super("lost the lease on job " + jobId, null, false, false);
    }
  }

  public void create(Job job) {
    Map<String, AttributeValue> item = toItem(job);
    client.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
  }

  /** The job as users see it: a running job without a live heartbeat is reported (and recorded) as failed. */
  public Optional<Job> find(String id) {
    Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(key(id)).consistentRead(true)).item();
    Optional<Job> job = Items.live(item, clock).map(this::fromItem);
    if (job.isPresent() && isAbandoned(job.get())) {
      Job failed = abandoned(job.get());
      try {
        client.putItem(b -> b.tableName(table).item(toItem(failed))
            .conditionExpression("heartbeatAt = :hb AND #s = :running")
            .expressionAttributeNames(Map.of("#s", "status"))
            .expressionAttributeValues(Map.of(":hb", n(job.get().heartbeatAt().toEpochMilli()), ":running",
                s(Job.Status.RUNNING.name()))));
        return Optional.of(failed);
      } catch (ConditionalCheckFailedException raced) {
        return find(id);
      }
    }
    return job;
  }

  /**
   * Takes the job for {@code worker}: allowed when it is pending, failed (a retry), or running with an expired lease.
   * Returns the job as claimed, or empty when another worker holds a live lease or it already succeeded.
   */
  public Optional<Job> claim(String id, String worker) {
    Optional<Job> current = find(id);
    if (current.isEmpty() || current.get().status() == Job.Status.SUCCEEDED
        || (current.get().status() == Job.Status.RUNNING && !isAbandoned(current.get()))) {
      return Optional.empty();
    }
    Job before = current.get();
    Instant now = clock.instant();
    Job claimed = new Job(before.id(), before.accountId(), before.kind(), before.subjectId(), Job.Status.RUNNING,
        before.steps().stream().map(s -> s.state() == Job.StepState.DONE ? s : Job.Step.pending(s.name())).toList(),
        before.params(), before.secrets(), null, before.attempt() + 1, before.createdAt(), now, now);
    Map<String, AttributeValue> item = toItem(claimed);
    item.put("worker", s(worker));
    try {
      client.putItem(b -> b.tableName(table).item(item)
          .conditionExpression("updatedAt = :seen")
          .expressionAttributeValues(Map.of(":seen", n(before.updatedAt().toEpochMilli()))));
      return Optional.of(claimed);
    } catch (ConditionalCheckFailedException raced) {
      return Optional.empty();
    }
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
    Job pending = new Job(before.id(), before.accountId(), before.kind(), before.subjectId(), Job.Status.PENDING,
        before.steps(), before.params(), before.secrets(), null, before.attempt(), before.createdAt(), clock.instant(),
        before.heartbeatAt());
    try {
      client.putItem(b -> b.tableName(table).item(toItem(pending))
          .conditionExpression("updatedAt = :seen")
          .expressionAttributeValues(Map.of(":seen", n(before.updatedAt().toEpochMilli()))));
      return Optional.of(pending);
    } catch (ConditionalCheckFailedException raced) {
      return Optional.empty();
    }
  }

  /** Writes the job's new state if {@code worker} still holds it; refreshes the heartbeat. */
  public Job save(Job job, String worker) {
    Instant now = clock.instant();
    Job saved = new Job(job.id(), job.accountId(), job.kind(), job.subjectId(), job.status(), job.steps(), job.params(),
        job.secrets(), job.error(), job.attempt(), job.createdAt(), now, now);
    Map<String, AttributeValue> item = toItem(saved);
    item.put("worker", s(worker));
    try {
      client.putItem(b -> b.tableName(table).item(item)
          .conditionExpression("worker = :me AND #s = :running")
          .expressionAttributeNames(Map.of("#s", "status"))
          .expressionAttributeValues(Map.of(":me", s(worker), ":running", s(Job.Status.RUNNING.name()))));
      return saved;
    } catch (ConditionalCheckFailedException lost) {
      throw new LeaseLostException(job.id());
    }
  }

  /** Refreshes the heartbeat only. */
  public void heartbeat(String id, String worker) {
    Instant now = clock.instant();
    try {
      client.updateItem(b -> b.tableName(table).key(key(id))
          .updateExpression("SET heartbeatAt = :now")
          .conditionExpression("worker = :me AND #s = :running")
          .expressionAttributeNames(Map.of("#s", "status"))
          .expressionAttributeValues(Map.of(":now", n(now.toEpochMilli()), ":me", s(worker), ":running",
              s(Job.Status.RUNNING.name()))));
    } catch (ConditionalCheckFailedException lost) {
      throw new LeaseLostException(id);
    }
  }

  private boolean isAbandoned(Job job) {
    return job.status() == Job.Status.RUNNING && job.heartbeatAt().plus(LEASE).isBefore(clock.instant());
  }

  private Job abandoned(Job job) {
    List<Job.Step> steps = job.steps().stream()
        .map(s -> s.state() == Job.StepState.RUNNING
            ? new Job.Step(s.name(), Job.StepState.FAILED, s.startedAt(), clock.instant(), "The worker stopped responding.")
            : s)
        .toList();
    return new Job(job.id(), job.accountId(), job.kind(), job.subjectId(), Job.Status.FAILED, steps, job.params(),
        job.secrets(), "The worker running this job stopped responding; retry to resume from the unfinished step.",
        job.attempt(), job.createdAt(), clock.instant(), job.heartbeatAt());
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
    item.getOrDefault("secrets", AttributeValue.fromM(Map.of())).m()
        .forEach((k, v) -> secrets.put(k, box.open(v.s(), "job:" + id + ":" + k)));
    try {
      return new Job(id, str(item, "accountId"), str(item, "kind"), str(item, "subjectId"),
          Job.Status.valueOf(str(item, "status")), JSON.readValue(str(item, "steps"), STEPS),
          JSON.readValue(str(item, "params"), STRINGS), secrets, str(item, "error"), (int) num(item, "attempt"),
          Instant.ofEpochMilli(num(item, "createdAt")), Instant.ofEpochMilli(num(item, "updatedAt")),
          Instant.ofEpochMilli(num(item, "heartbeatAt")));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt job item " + id, e);
    }
  }
}
