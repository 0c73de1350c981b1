package dev.xanthus.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputRingTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void copyFrom_shouldReturnTheBytesAfterAnOffset_acrossTheWrap() {
        // given
        OutputRing ring = new OutputRing(8);
        ring.append(b("abcdef"), 0, 6);
        ring.append(b("ghij"), 0, 4);
        // when
        byte[] tail = ring.copyFrom(5);
        // then
        assertThat(ring.start()).isEqualTo(2);
        assertThat(ring.end()).isEqualTo(10);
        assertThat(new String(tail, StandardCharsets.US_ASCII)).isEqualTo("fghij");
        assertThat(new String(ring.copyFrom(2), StandardCharsets.US_ASCII)).isEqualTo("cdefghij");
    }

    @Test
    void append_shouldKeepTheNewestBytes_whenOneChunkIsLargerThanTheRing() {
        OutputRing ring = new OutputRing(4);
        ring.append(b("xy"), 0, 2);

        ring.append(b("0123456"), 0, 7);

        assertThat(new String(ring.copyFrom(5), StandardCharsets.US_ASCII)).isEqualTo("3456");
        ring.append(b("78"), 0, 2);
        assertThat(new String(ring.copyFrom(7), StandardCharsets.US_ASCII)).isEqualTo("5678");
    }

    @Test
    void copyFrom_shouldRefuse_whenTheOffsetWasEvictedOrIsInTheFuture() {
        OutputRing ring = new OutputRing(4);
        ring.append(b("abcdef"), 0, 6);

        assertThatThrownBy(() -> ring.copyFrom(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ring.copyFrom(7)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ring.copyFrom(6)).isEmpty();
    }

    @Test
    void append_shouldGrowUpToCapacity_keepingEveryOffset() {
        // given: a ring that starts at 4 KiB and may grow to 64 KiB
        OutputRing ring = new OutputRing(64 * 1024);
        byte[] data = new byte[10_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        // when
        for (int i = 0; i < 10; i++) {
            ring.append(data, 0, data.length);
        }
        // then: 100,000 bytes went in, the newest 65,536 are held, in place
        assertThat(ring.start()).isEqualTo(100_000 - 64 * 1024);
        byte[] tail = ring.copyFrom(95_000);
        assertThat(tail).hasSize(5_000);
        assertThat(tail[0]).isEqualTo(data[5_000]);
    }

    @Test
    void ring_shouldHoldNoMemory_untilOutputArrives_andThenOnlyWhatTheOutputNeeds() {
        // given: a session's 1 MiB resume buffer
        OutputRing ring = new OutputRing(1024 * 1024);
        // then: an idle session costs nothing
        assertThat(ring.allocated()).isZero();
        assertThat(ring.copyFrom(0)).isEmpty();
        // when: a banner and a prompt arrive
        ring.append(b("Welcome\r\n$ "), 0, 11);
        // then
        assertThat(ring.allocated()).isEqualTo(OutputRing.MIN_GROWTH);
        assertThat(new String(ring.copyFrom(0), StandardCharsets.US_ASCII)).isEqualTo("Welcome\r\n$ ");
        ring.append(new byte[0], 0, 0);
        assertThat(ring.end()).isEqualTo(11);
    }
}
