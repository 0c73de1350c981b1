package dev.xanthus.sandbox.dynamo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A dynalite server (a real DynamoDB API over HTTP) running as a child process that dies with its parent. */
public final class Dynalite implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final int port;
    private final String host;

    private Dynalite(Process process, String host, int port) {
        this.process = process;
        this.host = host;
        this.port = port;
    }

    /** Starts an in-memory server on a free loopback port. */
    public static Dynalite startInMemory() {
        return start("127.0.0.1", 0, null);
    }

    /** Starts a server; {@code port} 0 picks a free one, a non-null {@code dataDir} persists with LevelDB. */
    public static Dynalite start(String host, int port, Path dataDir) {
        Path script = toolsDir().resolve("dynalite-child.js");
        List<String> command = new ArrayList<>(List.of("node", script.toString(), host, Integer.toString(port)));
        if (dataDir != null) {
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            command.add(dataDir.toAbsolutePath().toString());
        }
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start dynalite (is node on the PATH?)", e);
        }
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String line;
        try {
            line = ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("dynalite did not start within " + START_TIMEOUT.toSeconds() + " s", e);
        }
        if (line == null || !line.startsWith("READY ")) {
            process.destroyForcibly();
            throw new IllegalStateException("dynalite failed to start on " + host + ":" + port
                    + " (port taken, or `npm ci` not run in functions/sandbox)");
        }
        return new Dynalite(process, host, Integer.parseInt(line.substring(6).trim()));
    }

    /** The folder holding {@code dynalite-child.js} and its {@code node_modules}. */
    static Path toolsDir() {
        String configured = System.getProperty("xanthus.sandbox.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        String root = System.getProperty("xanthus.repo.root");
        if (root != null && Files.exists(Path.of(root, "functions/sandbox/dynalite-child.js"))) {
            return Path.of(root, "functions/sandbox");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("dynalite-child.js"))) {
                return dir;
            }
            if (Files.exists(dir.resolve("functions/sandbox/dynalite-child.js"))) {
                return dir.resolve("functions/sandbox");
            }
        }
        throw new IllegalStateException("cannot find functions/sandbox/dynalite-child.js above "
                + Path.of("").toAbsolutePath());
    }

    public int port() {
        return port;
    }

    public String endpoint() {
        return "http://" + host + ":" + port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Completes with the exit code when the server process ends, however it ends. */
    public CompletableFuture<Integer> exited() {
        return process.onExit().thenApply(Process::exitValue);
    }

    /** Kills the server at once, as a crash would. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // the child exits on its own once the pipe is gone, or is killed below
        }
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }
}
