package dev.xanthus.sandbox.ssh;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.digest.BuiltinDigests;

/** Reads OpenSSH public key lines ({@code ssh-ed25519 AAAA… comment}). */
public final class AuthorizedKeys {

    private AuthorizedKeys() {}

    /** Throws {@link IllegalArgumentException} when the line is not a public key sshd can use. */
    public static PublicKey parse(String line) {
        try {
            AuthorizedKeyEntry entry = line == null ? null : AuthorizedKeyEntry.parseAuthorizedKeyEntry(line);
            if (entry == null) {
                throw new IllegalArgumentException("not an OpenSSH public key line");
            }
            return entry.resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("not an OpenSSH public key line", e);
        }
    }

    /** The MD5 fingerprint in the colon form Hetzner shows ({@code b7:2f:30:…}). */
    public static String md5Fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.md5, key).replaceFirst("^MD5:", "");
    }
}
