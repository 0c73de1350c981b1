package dev.xanthus.core.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Go program's encryption of values it keeps in KV (the Hetzner API key, app passwords):
 * {@code base64(nonce ‖ AES-256-GCM(plaintext))} with key {@code SHA-256(cloudflare token)}, 12-byte nonce, no AAD.
 * Kept byte-compatible so a user can switch between the two programs; it protects nothing against the token holder,
 * and a rotated token makes the value unreadable, which callers must report rather than hide.
 */
public final class GoTokenCipher {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public GoTokenCipher(String cloudflareToken) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(cloudflareToken.getBytes(StandardCharsets.UTF_8));
            this.key = new SecretKeySpec(digest, "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String encrypt(String plaintext) {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder()
                    .encodeToString(ByteBuffer.allocate(12 + sealed.length)
                            .put(nonce)
                            .put(sealed)
                            .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Decrypts; throws {@link SecretBox.SealedValueException} when the value was written under another token. */
    public String decrypt(String encoded) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded.trim());
        } catch (IllegalArgumentException e) {
            throw new SecretBox.SealedValueException("not base64");
        }
        if (bytes.length < 12 + 16) {
            throw new SecretBox.SealedValueException("too short");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, bytes, 0, 12));
            return new String(cipher.doFinal(bytes, 12, bytes.length - 12), StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new SecretBox.SealedValueException("written under another token");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
