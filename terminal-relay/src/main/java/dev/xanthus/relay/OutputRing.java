package dev.xanthus.relay;

import java.util.Arrays;

/**
 * The last {@code capacity} bytes of a session's output, addressed by stream offset: the offset of a byte is the number
 * of output bytes before it. Holds nothing until output arrives, then grows (doubling, from {@link #MIN_GROWTH}) to
 * {@code capacity} only as output arrives, so an idle session costs about its banner and prompt, not the full buffer.
 * Not thread-safe; the owning session guards it.
 */
final class OutputRing {

    static final int MIN_GROWTH = 1024;
    private static final byte[] NONE = new byte[0];

    private final int capacity;
    private byte[] buf = NONE;
    private long end;

    OutputRing(int capacity) {
        this.capacity = capacity;
    }

    int capacity() {
        return capacity;
    }

    /** Bytes of memory held for output right now. */
    int allocated() {
        return buf.length;
    }

    /** Offset just after the last byte appended. */
    long end() {
        return end;
    }

    /** Offset of the oldest byte still held. */
    long start() {
        return Math.max(0, end - buf.length);
    }

    void append(byte[] data, int off, int len) {
        if (len <= 0) {
            return;
        }
        if (buf.length < capacity && end + len > buf.length) {
            // nothing was evicted yet (end <= buf.length), so offsets are indices and a plain copy keeps them in place
            long grown = Math.max(Math.max(2L * buf.length, MIN_GROWTH), end + len);
            buf = Arrays.copyOf(buf, (int) Math.min(capacity, grown));
        }
        if (len >= buf.length) {
            System.arraycopy(data, off + len - buf.length, buf, 0, buf.length);
            end += len;
            // keep the invariant that offset o lives at index o % capacity
            rotateTo(end);
            return;
        }
        int pos = (int) (end % buf.length);
        int first = Math.min(len, buf.length - pos);
        System.arraycopy(data, off, buf, pos, first);
        System.arraycopy(data, off + first, buf, 0, len - first);
        end += len;
    }

    /** A copy of the bytes from {@code from} up to {@link #end()}; {@code from} must lie within [start, end]. */
    byte[] copyFrom(long from) {
        if (from < start() || from > end) {
            throw new IllegalArgumentException("offset " + from + " outside [" + start() + ", " + end + "]");
        }
        int len = (int) (end - from);
        if (len == 0) {
            return NONE;
        }
        byte[] out = new byte[len];
        int pos = (int) (from % buf.length);
        int first = Math.min(len, buf.length - pos);
        System.arraycopy(buf, pos, out, 0, first);
        System.arraycopy(buf, 0, out, first, len - first);
        return out;
    }

    private void rotateTo(long newEnd) {
        // buf holds the last capacity bytes in order from index 0; move them so offset o sits at o % capacity
        int shift = (int) (newEnd % buf.length);
        if (shift == 0) {
            return;
        }
        byte[] copy = buf.clone();
        for (int i = 0; i < buf.length; i++) {
            buf[(i + shift) % buf.length] = copy[i];
        }
    }
}
