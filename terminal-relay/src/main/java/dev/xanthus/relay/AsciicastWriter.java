package dev.xanthus.relay;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Writes one asciicast v2 recording: a header line, then {@code [seconds, "o"|"r", data]} events. Thread-safe. */
final class AsciicastWriter implements AutoCloseable {

    private final OutputStream out;
    private final long startNanos;
    private boolean failed;

    AsciicastWriter(OutputStream out, int cols, int rows, Instant startedAt) throws IOException {
        this.out = out;
        this.startNanos = System.nanoTime();
        String header = Protocol.JSON
                .createObjectNode()
                .put("version", 2)
                .put("width", cols)
                .put("height", rows)
                .put("timestamp", startedAt.getEpochSecond())
                .set("env", Protocol.JSON.createObjectNode().put("TERM", "xterm-256color"))
                .toString();
        out.write((header + "\n").getBytes(StandardCharsets.UTF_8));
    }

    synchronized void output(byte[] data, int off, int len) {
        event("o", new String(data, off, len, StandardCharsets.UTF_8));
    }

    synchronized void resize(int cols, int rows) {
        event("r", cols + "x" + rows);
    }

    private void event(String kind, String data) {
        if (failed) {
            return;
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        String line = Protocol.JSON
                .createArrayNode()
                .add(Math.round(seconds * 1e6) / 1e6)
                .add(kind)
                .add(data)
                .toString();
        try {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // a full disk must not end the terminal session: the recording stops, the session goes on
            failed = true;
        }
    }

    boolean failed() {
        return failed;
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            failed = true;
        }
    }
}
