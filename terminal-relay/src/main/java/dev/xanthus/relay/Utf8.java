package dev.xanthus.relay;

/** Where a byte run can be cut without splitting a UTF-8 character. */
final class Utf8 {

    private Utf8() {}

    /**
     * The largest {@code n <= len} such that {@code data[off, off+n)} does not end inside a multi-byte character. Bytes
     * that are not valid UTF-8 do not hold anything back: only a well-formed but incomplete tail is cut off.
     */
    static int boundary(byte[] data, int off, int len) {
        int end = off + len;
        // look back at most 3 bytes for the lead byte of the last character
        for (int back = 1; back <= Math.min(3, len); back++) {
            int b = data[end - back] & 0xFF;
            if ((b & 0xC0) == 0x80) {
                continue;
            }
            int need = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 1;
            return need > back ? len - back : len;
        }
        return len;
    }
}
