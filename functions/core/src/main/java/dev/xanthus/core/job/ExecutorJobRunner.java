package dev.xanthus.core.job;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs jobs on a small local thread pool: the local stack's stand-in for the deploy-worker Lambda. */
public final class ExecutorJobRunner implements JobRunner, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExecutorJobRunner.class);

    private final JobEngine engine;
    private final ExecutorService pool;

    public ExecutorJobRunner(JobEngine engine, int threads) {
        this.engine = engine;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "job-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void submit(String jobId) {
        pool.execute(() -> {
            try {
                engine.run(jobId);
            } catch (RuntimeException e) {
                log.error("job {} crashed", jobId, e);
            }
        });
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
