package dev.xanthus.relay;

import org.apache.sshd.common.io.IoReadFuture;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * The shell-to-socket half of a {@link RelaySession}: reads the shell's async output stream one chunk at a time and
 * hands on whole UTF-8 characters. It issues the next read only while its {@link Sink} has room, so where the output
 * goes (a socket, the resume buffer) decides how fast the remote program may write; the sink restarts reading with
 * {@link #read} once it has room again.
 */
final class ShellOutput {

    /** The largest read and output frame: one SSH packet's worth. */
    static final int CHUNK = 32 * 1024;
    /**
     * The read buffer of a quiet session: keystroke echoes and prompts fit, and an idle session (whose read waits
     * with its buffer) holds only this much. A read that fills it switches to {@link #CHUNK}-sized reads, a short
     * read switches back.
     */
    static final int SMALL_READ = 1024;

    /** Where the output goes. */
    interface Sink {
        /** Whether another read may be issued now; when false, the sink calls {@link #read} again once it may. */
        boolean mayRead();

        /** One chunk of output; false once the session has ended (reading stops). */
        boolean chunk(byte[] buf, int len);

        /** The stream ended: {@code failure} is null or an {@link java.io.EOFException} for a plain end of output. */
        void ended(Throwable failure);
    }

    private final SshShell ssh;
    private final Sink sink;

    // Touched only by whoever handles the single outstanding read (one at a time, any thread).
    private byte[] readBuf = new byte[SMALL_READ];
    private int carry;

    ShellOutput(SshShell ssh, Sink sink) {
        this.ssh = ssh;
        this.sink = sink;
    }

    /** Issues the next read unless the sink has no room; handles reads that complete at once in a loop, not recursively. */
    void read() {
        while (sink.mayRead()) {
            IoReadFuture read;
            try {
                read = ssh.output().read(new ByteArrayBuffer(readBuf, 0, carry, true));
            } catch (RuntimeException e) {
                sink.ended(e);
                return;
            }
            if (!read.isDone()) {
                read.addListener(this::completed);
                return;
            }
            if (!handle(read)) {
                return;
            }
        }
    }

    private void completed(IoReadFuture read) {
        if (handle(read)) {
            read();
        }
    }

    /** One completed read: emits whole UTF-8 characters, keeps an incomplete tail for the next; false when done. */
    private boolean handle(IoReadFuture read) {
        Throwable failure = read.getException();
        int n = failure == null ? read.getRead() : -1;
        if (n < 0) {
            if (carry > 0) {
                sink.chunk(readBuf, carry);
                carry = 0;
            }
            sink.ended(failure);
            return false;
        }
        int total = carry + n;
        int cut = Utf8.boundary(readBuf, 0, total);
        if (cut > 0 && !sink.chunk(readBuf, cut)) {
            return false;
        }
        carry = total - cut;
        byte[] next = readBuf;
        if (total == readBuf.length && readBuf.length < CHUNK) {
            next = new byte[CHUNK];
        } else if (readBuf.length > SMALL_READ && n < SMALL_READ / 2) {
            next = new byte[SMALL_READ];
        }
        System.arraycopy(readBuf, cut, next, 0, carry);
        readBuf = next;
        return true;
    }
}
