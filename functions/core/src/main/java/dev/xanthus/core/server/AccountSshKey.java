package dev.xanthus.core.server;

import dev.xanthus.core.account.AccountCsr;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The account key of {@code config:ssl:csr} seen as an SSH key: the Go program put its {@code ssh-rsa} form into every
 * server, so the same key opens the Go program's servers and ours.
 */
public record AccountSshKey(KeyPair keyPair, String privateKeyPem) {

    public static AccountSshKey from(AccountCsr csr) {
        try {
            String base64 = csr.privateKey().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            RSAPublicKey publicKey = (RSAPublicKey)
                    rsa.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return new AccountSshKey(new KeyPair(publicKey, privateKey), csr.privateKey());
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("config:ssl:csr does not hold an RSA PKCS#8 key", e);
        }
    }

    /** The OpenSSH public key line, {@code ssh-rsa AAAA…}. */
    public String publicKeyLine() {
        return "ssh-rsa " + Base64.getEncoder().encodeToString(blob());
    }

    /** Hetzner's fingerprint form: MD5 of the key blob, colon-separated hex. */
    public String md5Fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(blob());
            return HexFormat.ofDelimiter(":").formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] blob() {
        RSAPublicKey key = (RSAPublicKey) keyPair.getPublic();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeString(out, "ssh-rsa".getBytes(StandardCharsets.US_ASCII));
            writeString(out, key.getPublicExponent().toByteArray());
            writeString(out, key.getModulus().toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeString(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    @Override
    public String toString() {
        return "AccountSshKey[" + md5Fingerprint() + "]";
    }
}
