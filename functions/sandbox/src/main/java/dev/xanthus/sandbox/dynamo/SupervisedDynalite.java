package dev.xanthus.sandbox.dynamo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A dynalite that is started again when it dies (a crash, an OOM kill, someone's {@code kill -9}), on the same port
 * with the same data folder, so the API's next call finds DynamoDB back with everything it held. Each restart is
 * reported in one line. A server that keeps dying is restarted after a growing pause (0.5 s doubling to 30 s, back to
 * 0.5 s once it has stayed up a minute), so a broken install does not spin.
 */
public final class SupervisedDynalite implements AutoCloseable {

    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);
    private static final Duration STABLE = Duration.ofMinutes(1);

    private final String host;
    private final int port;
    private final Path dataDir;
    private final Consumer<String> say;
    private final Thread watcher;
    private volatile Dynalite current;
    private volatile boolean closing;

    private SupervisedDynalite(String host, Path dataDir, Consumer<String> say, Dynalite first) {
        this.host = host;
        this.port = first.port();
        this.dataDir = dataDir;
        this.say = say;
        this.current = first;
        this.watcher = new Thread(this::watch, "dynalite-supervisor");
        watcher.setDaemon(true);
    }

    /** Starts the server ({@code port} 0 picks a free one, kept across restarts); {@code say} gets one line per restart. */
    public static SupervisedDynalite start(String host, int port, Path dataDir, Consumer<String> say) {
        SupervisedDynalite supervised = new SupervisedDynalite(host, dataDir, say, Dynalite.start(host, port, dataDir));
        supervised.watcher.start();
        return supervised;
    }

    private void watch() {
        Duration pause = FIRST_PAUSE;
        while (!closing) {
            long upSince = System.nanoTime();
            int exit;
            try {
                exit = current.exited().join();
            } catch (RuntimeException e) {
                exit = -1;
            }
            if (closing) {
                return;
            }
            if (Duration.ofNanos(System.nanoTime() - upSince).compareTo(STABLE) >= 0) {
                pause = FIRST_PAUSE;
            }
            Dynalite restarted = restart(exit, pause);
            if (restarted == null) {
                return;
            }
            current = restarted;
            if (closing) {
                restarted.close(); // close() ran while this one was starting
                return;
            }
            pause = longer(pause);
        }
    }

    /** Restarts after {@code pause}, retrying while the port is still held; null once closing. */
    private Dynalite restart(int exit, Duration pause) {
        Duration wait = pause;
        while (!closing) {
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                return null;
            }
            if (closing) {
                return null;
            }
            try {
                Dynalite next = Dynalite.start(host, port, dataDir);
                say.accept("xanthus: DynamoDB (dynalite) stopped unexpectedly (exit code " + exit + "); restarted on "
                        + host + ":" + port + ", "
                        + (dataDir == null ? "in memory: its data is gone" : "data kept in " + dataDir));
                return next;
            } catch (IllegalStateException e) {
                // the same growing pause as for a server that keeps dying: a port the dead process still holds is
                // usually free again within a second, and a jump to the longest pause kept DynamoDB away for 30 s
                wait = longer(wait);
                say.accept("xanthus: DynamoDB (dynalite) stopped (exit code " + exit + ") and did not restart: "
                        + e.getMessage() + "; trying again in " + wait.toMillis() + " ms");
            }
        }
        return null;
    }

    private static Duration longer(Duration pause) {
        Duration doubled = pause.multipliedBy(2);
        return doubled.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : doubled;
    }

    public int port() {
        return port;
    }

    public String endpoint() {
        return "http://" + host + ":" + port;
    }

    /** The server running now (a new one after each restart). */
    public Dynalite current() {
        return current;
    }

    @Override
    public void close() {
        closing = true;
        watcher.interrupt();
        current.close();
    }
}
