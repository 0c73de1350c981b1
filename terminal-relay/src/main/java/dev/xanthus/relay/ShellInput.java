package dev.xanthus.relay;

import io.netty.channel.Channel;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.common.io.IoWriteFuture;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * The socket-to-shell half of a {@link RelaySession}: keystrokes and resizes written to the shell's async stream
 * straight from the socket's event loop, in order, one write outstanding at a time. While a write waits for the SSH
 * window the socket's AUTO_READ is off, so the browser's TCP window holds the rest instead of our memory.
 */
final class ShellInput {

    private final SshShell ssh;
    private final AsciicastWriter recording;
    private final Runnable activity;

    private final Object lock = new Object();
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private boolean writing;
    private Channel pausedChannel;
    private final AtomicLong bytesIn = new AtomicLong();

    private record Resize(int cols, int rows) {}

    /** {@code recording} may be null; {@code activity} runs after each write or resize reaches the shell. */
    ShellInput(SshShell ssh, AsciicastWriter recording, Runnable activity) {
        this.ssh = ssh;
        this.recording = recording;
        this.activity = activity;
    }

    /** Bytes written to the shell so far. */
    long bytes() {
        return bytesIn.get();
    }

    /** Bytes typed by the user; called on the socket's event loop. */
    void write(Channel from, byte[] data) {
        enqueue(from, data);
    }

    void resize(Channel from, int cols, int rows) {
        enqueue(from, new Resize(cols, rows));
    }

    private void enqueue(Channel from, Object op) {
        synchronized (lock) {
            if (writing) {
                queue.add(op);
                // a write is waiting for the SSH window: stop reading the socket, the browser's TCP window holds the
                // rest
                if (pausedChannel == null) {
                    from.config().setAutoRead(false);
                    pausedChannel = from;
                }
                return;
            }
            writing = true;
        }
        writeInput(op);
    }

    /** Writes {@code op} and whatever queued behind it while writes complete at once; returns when one is pending. */
    private void writeInput(Object op) {
        while (op != null) {
            IoWriteFuture pending = null;
            try {
                if (op instanceof byte[] data) {
                    pending = ssh.input().writeBuffer(new ByteArrayBuffer(data));
                    bytesIn.addAndGet(data.length);
                } else if (op instanceof Resize r) {
                    ssh.resize(r.cols(), r.rows());
                    if (recording != null) {
                        recording.resize(r.cols(), r.rows());
                    }
                }
                activity.run();
            } catch (IOException | RuntimeException e) {
                // the shell is gone; the output side notices the same and ends the session with the reason
                inputFailed();
                return;
            }
            if (pending != null && !pending.isDone()) {
                pending.addListener(this::inputWritten);
                return;
            }
            if (pending != null && !pending.isWritten()) {
                inputFailed();
                return;
            }
            op = nextInput();
        }
    }

    private void inputWritten(IoWriteFuture done) {
        if (!done.isWritten()) {
            inputFailed();
            return;
        }
        writeInput(nextInput());
    }

    /** The next queued operation, or null after marking the writer idle and letting the socket be read again. */
    private Object nextInput() {
        synchronized (lock) {
            Object op = queue.poll();
            if (op == null) {
                writing = false;
                if (pausedChannel != null) {
                    pausedChannel.config().setAutoRead(true);
                    pausedChannel = null;
                }
            }
            return op;
        }
    }

    private void inputFailed() {
        synchronized (lock) {
            queue.clear();
        }
        nextInput();
    }
}
