package dev.xanthus.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xanthus.core.crypto.SecretBox;
import dev.xanthus.core.dynamo.Items;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.testing.LocalDynamo;
import dev.xanthus.core.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JobEngineTest {

    private final MutableClock clock = MutableClock.atNow();
    private final String table = LocalDynamo.newTable();
    private final JobRepository jobs =
            new JobRepository(LocalDynamo.client(), table, new SecretBox(new byte[32]), clock);

    /** Three steps; "two" can be told to fail or to block until released. */
    private static final class Steps implements JobSteps {
        final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        volatile boolean failTwo;
        volatile CountDownLatch blockTwo;
        final CountDownLatch twoStarted = new CountDownLatch(1);
        final AtomicInteger successes = new AtomicInteger();
        volatile String failure;

        @Override
        public String kind() {
            return "demo";
        }

        @Override
        public List<String> stepNames() {
            return List.of("one", "two", "three");
        }

        @Override
        public void run(String step, Job job) throws Exception {
            runs.computeIfAbsent(step, s -> new AtomicInteger()).incrementAndGet();
            if (step.equals("two")) {
                twoStarted.countDown();
                if (blockTwo != null) {
                    blockTwo.await(10, TimeUnit.SECONDS);
                }
                if (failTwo) {
                    throw new AppException.Upstream("HELM_FAILED", "helm could not install the chart.", Map.of(), null);
                }
            }
        }

        @Override
        public void onSuccess(Job job) {
            successes.incrementAndGet();
        }

        @Override
        public void onFailure(Job job, String reason) {
            failure = reason;
        }

        int runs(String step) {
            AtomicInteger n = runs.get(step);
            return n == null ? 0 : n.get();
        }
    }

    private Job newJob(Steps steps) {
        String id = UUID.randomUUID().toString();
        jobs.create(new Job(
                id,
                "acc-1",
                steps.kind(),
                "app-1",
                Job.Status.PENDING,
                steps.stepNames().stream().map(Job.Step::pending).toList(),
                Map.of("version", "4.96.4"),
                Map.of("cloudflareToken", "cf-secret-in-job"),
                null,
                0,
                clock.instant(),
                clock.instant(),
                clock.instant()));
        return jobs.find(id).orElseThrow();
    }

    @Test
    void run_shouldRunEveryStepInOrder_andSucceed() {
        Steps steps = new Steps();
        Job job = newJob(steps);

        Job done = new JobEngine(jobs, List.of(steps), clock).run(job.id()).orElseThrow();

        assertThat(done.status()).isEqualTo(Job.Status.SUCCEEDED);
        assertThat(done.steps()).extracting(Job.Step::state).containsOnly(Job.StepState.DONE);
        assertThat(done.progress()).isEqualTo(100);
        assertThat(done.params()).containsEntry("version", "4.96.4");
        assertThat(done.secrets()).containsEntry("cloudflareToken", "cf-secret-in-job");
        assertThat(steps.successes.get()).isEqualTo(1);
    }

    @Test
    void run_shouldStopAtAFailingStep_recordWhy_andLeaveLaterStepsPending() {
        Steps steps = new Steps();
        steps.failTwo = true;
        Job job = newJob(steps);

        Job failed = new JobEngine(jobs, List.of(steps), clock).run(job.id()).orElseThrow();

        assertThat(failed.status()).isEqualTo(Job.Status.FAILED);
        assertThat(failed.error()).isEqualTo("helm could not install the chart.");
        assertThat(failed.steps())
                .extracting(Job.Step::state)
                .containsExactly(Job.StepState.DONE, Job.StepState.FAILED, Job.StepState.PENDING);
        assertThat(steps.failure).isEqualTo("helm could not install the chart.");
        assertThat(steps.runs("three")).isZero();
    }

    @Test
    void killedWorker_shouldBeMarkedFailedByTheLease_andRetryShouldResumeAtTheUnfinishedStep() throws Exception {
        Steps steps = new Steps();
        steps.blockTwo = new CountDownLatch(1);
        Job job = newJob(steps);
        JobEngine engine = new JobEngine(jobs, List.of(steps), clock);
        CompletableFuture<java.util.Optional<Job>> stuck = CompletableFuture.supplyAsync(() -> engine.run(job.id()));
        assertThat(steps.twoStarted.await(10, TimeUnit.SECONDS)).isTrue();

        // a live worker holds the job: nobody else may take it
        assertThat(jobs.find(job.id()).orElseThrow().status()).isEqualTo(Job.Status.RUNNING);
        assertThat(jobs.claim(job.id(), "intruder")).isEmpty();

        // the worker stops heartbeating for longer than the lease
        clock.advance(JobRepository.LEASE.plusSeconds(1));
        Job seen = jobs.find(job.id()).orElseThrow();
        assertThat(seen.status()).isEqualTo(Job.Status.FAILED);
        assertThat(seen.error()).contains("stopped responding");
        assertThat(seen.steps().get(1).state()).isEqualTo(Job.StepState.FAILED);

        // the old worker wakes up: it has lost the lease and must not overwrite anything
        steps.blockTwo.countDown();
        assertThat(stuck.get(10, TimeUnit.SECONDS).orElseThrow().status()).isEqualTo(Job.Status.FAILED);

        // retry: requeued at once (pollers see it pending, a second requeue is refused), then resumed from step two
        steps.blockTwo = null;
        assertThat(jobs.requeue(job.id()).orElseThrow().status()).isEqualTo(Job.Status.PENDING);
        assertThat(jobs.find(job.id()).orElseThrow().status()).isEqualTo(Job.Status.PENDING);
        assertThat(jobs.requeue(job.id())).isEmpty();
        Job retried = engine.run(job.id()).orElseThrow();
        assertThat(retried.status()).isEqualTo(Job.Status.SUCCEEDED);
        assertThat(retried.attempt()).isEqualTo(2);
        assertThat(steps.runs("one")).isEqualTo(1);
        assertThat(steps.runs("two")).isEqualTo(2);
        assertThat(steps.runs("three")).isEqualTo(1);
    }

    @Test
    void succeededJob_shouldNotRunAgain() {
        Steps steps = new Steps();
        Job job = newJob(steps);
        JobEngine engine = new JobEngine(jobs, List.of(steps), clock);
        engine.run(job.id());

        Job again = engine.run(job.id()).orElseThrow();

        assertThat(again.status()).isEqualTo(Job.Status.SUCCEEDED);
        assertThat(steps.runs("one")).isEqualTo(1);
    }

    @Test
    void secrets_shouldBeSealedAtRest() {
        Job job = newJob(new Steps());

        var raw = LocalDynamo.client()
                .getItem(b -> b.tableName(table).key(Items.key("JOB#" + job.id(), "JOB")))
                .item();

        assertThat(raw.toString()).doesNotContain("cf-secret-in-job");
        assertThat(clock.instant().plus(Duration.ofDays(30)).getEpochSecond())
                .isEqualTo(Long.parseLong(raw.get("ttl").n()));
    }
}
