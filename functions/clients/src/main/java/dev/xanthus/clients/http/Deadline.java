package dev.xanthus.clients.http;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The time the current request may still take, held per thread and honoured by {@link JsonHttp}: the remainder bounds
 * each attempt and stops retries that could not finish in time. API Gateway cuts a Lambda's answer off at 30 s; without
 * this, one slow provider read (30 s per attempt, retried) kept a request open for 60 s.
 *
 * <p>Measured with {@link System#nanoTime()}, not a {@link java.time.Clock}: tests move the application's clock by
 * hours, and a deadline must not expire because of that.
 */
public final class Deadline {

    private static final ThreadLocal<Long> CURRENT = new ThreadLocal<>();

    private Deadline() {}

    /**
     * Starts a deadline {@code budget} from now for this thread, until the scope closes. Nested scopes never extend an
     * outer deadline: the earlier one wins.
     */
    public static Scope start(Duration budget) {
        long at = System.nanoTime() + Math.max(0, budget.toNanos());
        Long outer = CURRENT.get();
        return enter(outer == null || at - outer < 0 ? at : outer);
    }

    /** What is left of this thread's deadline (zero once passed); empty when the thread has none. */
    public static Optional<Duration> remaining() {
        Long at = CURRENT.get();
        if (at == null) {
            return Optional.empty();
        }
        long left = at - System.nanoTime();
        return Optional.of(left <= 0 ? Duration.ZERO : Duration.ofNanos(left));
    }

    /** Runs each task with the deadline of the thread that handed it over (none if that thread had none). */
    public static Executor propagating(Executor executor) {
        return task -> {
            Long at = CURRENT.get();
            executor.execute(() -> {
                Long before = CURRENT.get();
                set(at);
                try {
                    task.run();
                } finally {
                    set(before);
                }
            });
        };
    }

    private static Scope enter(long at) {
        Long before = CURRENT.get();
        CURRENT.set(at);
        return () -> set(before);
    }

    private static void set(Long at) {
        if (at == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(at);
        }
    }

    /** Restores what the thread had before; close it in a finally (try-with-resources). */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
