package dev.xanthus.sandbox.ssh;

import dev.xanthus.sandbox.http.SimServer;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the simulated clouds that run machines (Hetzner, OCI) have in common: their HTTP API, the sandbox servers
 * behind the machines, and the scheduler that moves machines through their lifecycle. Closing stops all three.
 */
public abstract class MachineCloudSimulator implements AutoCloseable {

    protected final SimServer http;
    protected final SandboxServers sandboxes;
    protected final ScheduledExecutorService scheduler;

    /** {@code name} names the lifecycle thread ({@code name-sim-lifecycle}). */
    protected MachineCloudSimulator(String name, SimServer http, SandboxServers sandboxes) {
        this.http = http;
        this.sandboxes = sandboxes;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, name + "-sim-lifecycle"));
    }

    /** Starts the API; when the port cannot be had, stops what the constructor started before rethrowing. */
    protected static <S extends MachineCloudSimulator> S listen(S simulator, String host, int port) {
        try {
            simulator.http.start(host, port);
        } catch (RuntimeException e) {
            simulator.close();
            throw e;
        }
        return simulator;
    }

    /** Call counters ({@code calls("POST /servers")}) and fault injection ({@code faults().inject(…)}). */
    public SimServer http() {
        return http;
    }

    public SandboxServers sandboxServers() {
        return sandboxes;
    }

    /** A simulator left open must not keep the JVM alive. */
    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void close() {
        http.close();
        scheduler.shutdownNow();
        sandboxes.close();
    }
}
