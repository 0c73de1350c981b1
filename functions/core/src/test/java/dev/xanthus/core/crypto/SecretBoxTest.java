package dev.xanthus.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private final SecretBox box = new SecretBox(new byte[32]);

    @Test
    void open_shouldReturnPlaintext_whenContextMatches() {
        String sealed = box.seal("cf-token-123", "session:a:token");

        assertThat(sealed).doesNotContain("cf-token-123");
        assertThat(box.open(sealed, "session:a:token")).isEqualTo("cf-token-123");
    }

    @Test
    void seal_shouldUseAFreshNonceEachTime() {
        assertThat(box.seal("x", "c")).isNotEqualTo(box.seal("x", "c"));
    }

    @Test
    void open_shouldRefuse_whenContextKeyOrBytesDiffer() {
        String sealed = box.seal("secret", "session:a:token");
        byte[] tampered = Base64.getDecoder().decode(sealed);
        tampered[tampered.length - 1] ^= 1;
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;

        assertThatThrownBy(() -> box.open(sealed, "session:b:token"))
                .isInstanceOf(SecretBox.SealedValueException.class);
        assertThatThrownBy(() -> new SecretBox(otherKey).open(sealed, "session:a:token"))
                .isInstanceOf(SecretBox.SealedValueException.class);
        assertThatThrownBy(() -> box.open(Base64.getEncoder().encodeToString(tampered), "session:a:token"))
                .isInstanceOf(SecretBox.SealedValueException.class);
        assertThatThrownBy(() -> box.open("%%%", "c")).isInstanceOf(SecretBox.SealedValueException.class);
    }
}
