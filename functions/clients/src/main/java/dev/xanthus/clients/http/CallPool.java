package dev.xanthus.clients.http;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The process's one pool for provider calls run side by side — a service's parallel reads and a client's chunked
 * bulk reads alike — so a Lambda has one set of idle threads, not one per caller.
 *
 * <p>Cached, because a call on it may wait for calls it started on it (a server listing waits for its KV bulk read,
 * which runs its chunks here): a bounded pool could deadlock on that. Daemon threads, because a frozen Lambda must not
 * be kept alive by idle workers. Each task carries the submitting request's {@link Deadline}.
 */
public final class CallPool {

    private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "provider-call");
        thread.setDaemon(true);
        return thread;
    });

    private static final Executor BOUNDED = Deadline.propagating(THREADS);

    private CallPool() {}

    public static Executor executor() {
        return BOUNDED;
    }
}
