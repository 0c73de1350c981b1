package dev.xanthus.relay;

import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.channel.ChannelAsyncInputStream;
import org.apache.sshd.common.channel.IoWriteFutureImpl;
import org.apache.sshd.common.io.IoInputStream;
import org.apache.sshd.common.io.IoOutputStream;
import org.apache.sshd.common.io.IoReadFuture;
import org.apache.sshd.common.io.IoWriteFuture;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.closeable.AbstractCloseable;

/** A shell for unit tests, no SSH: the test pushes its output and completes its input writes. */
final class ScriptedShell extends SshShell {
    final Output out = new Output();
    final Input in = new Input();
    final List<String> resizes = new ArrayList<>();
    volatile Integer exitStatus;
    volatile boolean connected = true;

    ScriptedShell() {
        super(null, null);
    }

    @Override
    IoInputStream output() {
        return out;
    }

    @Override
    IoOutputStream input() {
        return in;
    }

    @Override
    void resize(int cols, int rows) {
        resizes.add(cols + "x" + rows);
    }

    @Override
    boolean connected() {
        return connected;
    }

    @Override
    Integer exitStatus() {
        return exitStatus;
    }

    @Override
    void whenClosed(Runnable then) {
        then.run();
    }

    @Override
    public void close() {
        // nothing to free
    }

    /** Output the test pushes; a read completes at once when data is queued, otherwise when the next push comes. */
    static final class Output extends AbstractCloseable implements IoInputStream {
        private final ArrayDeque<byte[]> data = new ArrayDeque<>();
        private IoReadFutureHolder pending;
        private boolean eof;

        private record IoReadFutureHolder(ChannelAsyncInputStream.IoReadFutureImpl future, Buffer buffer) {}

        @Override
        public IoReadFuture read(Buffer buffer) {
            ChannelAsyncInputStream.IoReadFutureImpl future =
                    new ChannelAsyncInputStream.IoReadFutureImpl("read", buffer);
            synchronized (this) {
                if (pending != null) {
                    throw new IllegalStateException("a second read while one is pending");
                }
                if (data.isEmpty() && !eof) {
                    pending = new IoReadFutureHolder(future, buffer);
                    return future;
                }
            }
            complete(future, buffer);
            return future;
        }

        void push(String text) {
            push(text.getBytes(StandardCharsets.UTF_8));
        }

        void push(byte[] bytes) {
            IoReadFutureHolder p;
            synchronized (this) {
                data.add(bytes);
                p = pending;
                pending = null;
            }
            if (p != null) {
                complete(p.future(), p.buffer());
            }
        }

        void end() {
            IoReadFutureHolder p;
            synchronized (this) {
                eof = true;
                p = pending;
                pending = null;
            }
            if (p != null) {
                complete(p.future(), p.buffer());
            }
        }

        private void complete(ChannelAsyncInputStream.IoReadFutureImpl future, Buffer buffer) {
            int n;
            synchronized (this) {
                byte[] next = data.poll();
                if (next == null) {
                    n = -1;
                } else {
                    n = Math.min(next.length, buffer.capacity());
                    buffer.putRawBytes(next, 0, n);
                    if (n < next.length) {
                        data.addFirst(java.util.Arrays.copyOfRange(next, n, next.length));
                    }
                }
            }
            future.setValue(n < 0 ? new EOFException("closed") : (Object) n);
        }

        synchronized boolean readPending() {
            return pending != null;
        }

        synchronized int queued() {
            return data.size();
        }
    }

    /** Input whose writes stay pending until the test completes them (or complete at once). */
    static final class Input extends AbstractCloseable implements IoOutputStream {
        private final List<String> written = new ArrayList<>();
        private final ArrayDeque<IoWriteFutureImpl> pending = new ArrayDeque<>();
        volatile boolean completeAtOnce;

        @Override
        public IoWriteFuture writeBuffer(Buffer buffer) {
            IoWriteFutureImpl future = new IoWriteFutureImpl("write", buffer);
            synchronized (this) {
                if (!pending.isEmpty()) {
                    throw new IllegalStateException("a second write while one is pending");
                }
                written.add(new String(buffer.array(), buffer.rpos(), buffer.available(), StandardCharsets.UTF_8));
                if (!completeAtOnce) {
                    pending.add(future);
                    return future;
                }
            }
            future.setValue(Boolean.TRUE);
            return future;
        }

        void completeNext() {
            IoWriteFutureImpl f;
            synchronized (this) {
                f = pending.poll();
            }
            f.setValue(Boolean.TRUE);
        }

        synchronized List<String> written() {
            return List.copyOf(written);
        }
    }
}
