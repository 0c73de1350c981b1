package dev.xanthus.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {

    @Test
    void boundary_shouldHoldBackAnIncompleteCharacter_atTheEnd() {
        byte[] euro = "a€".getBytes(StandardCharsets.UTF_8); // 'a' + 3 bytes

        assertThat(Utf8.boundary(euro, 0, 4)).isEqualTo(4);
        assertThat(Utf8.boundary(euro, 0, 3)).isEqualTo(1);
        assertThat(Utf8.boundary(euro, 0, 2)).isEqualTo(1);
    }

    @Test
    void boundary_shouldNotHoldBack_asciiOrInvalidBytes() {
        assertThat(Utf8.boundary("abc".getBytes(StandardCharsets.UTF_8), 0, 3)).isEqualTo(3);
        assertThat(Utf8.boundary(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80}, 0, 4))
                .isEqualTo(4);
    }
}
