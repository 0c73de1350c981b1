package dev.xanthus.clients.oci;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OCI API signing keys: PEM parsing (RSA, PKCS#1 {@code BEGIN RSA PRIVATE KEY} or PKCS#8 {@code BEGIN PRIVATE KEY},
 * unencrypted) and OCI's key fingerprint (MD5 of the DER SubjectPublicKeyInfo, as colon-separated lower-case hex).
 */
public final class OciKeys {

    private static final Pattern PEM =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    /** DER of AlgorithmIdentifier { rsaEncryption, NULL }. */
    private static final byte[] RSA_ALGORITHM = HexFormat.of().parseHex("300d06092a864886f70d0101010500");

    private OciKeys() {}

    /**
     * The RSA private key of a PEM text; throws {@link OciKeyException} for anything else: no PEM block, an encrypted
     * key (OCI keys with a passphrase are not supported), a non-RSA key or damaged base64/DER.
     */
    public static RSAPrivateCrtKey parsePrivateKey(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new OciKeyException("the private key is empty");
        }
        Matcher matcher = PEM.matcher(pem);
        if (!matcher.find()) {
            throw new OciKeyException("the private key is not in PEM format (-----BEGIN PRIVATE KEY----- ...)");
        }
        String type = matcher.group(1);
        String body = matcher.group(2);
        if (type.equals("ENCRYPTED PRIVATE KEY") || body.contains("ENCRYPTED")) {
            throw new OciKeyException("the private key is encrypted with a passphrase; use a key without one");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder()
                    .decode(body.replaceAll("(?m)^[A-Za-z-]+:.*$", "").trim());
        } catch (IllegalArgumentException e) {
            throw new OciKeyException("the private key's PEM body is not valid base64");
        }
        byte[] pkcs8 =
                switch (type) {
                    case "PRIVATE KEY" -> der;
                    case "RSA PRIVATE KEY" -> wrapPkcs1(der);
                    default ->
                        throw new OciKeyException("expected an RSA private key, got a PEM block of type " + type);
                };
        PrivateKey key;
        try {
            key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new OciKeyException("the private key is not a readable RSA key");
        }
        if (!(key instanceof RSAPrivateCrtKey crt)) {
            throw new OciKeyException("the private key lacks its public part (not a CRT RSA key)");
        }
        if (crt.getModulus().bitLength() < 2048) {
            throw new OciKeyException(
                    "the RSA key has " + crt.getModulus().bitLength() + " bits; OCI needs at least 2048");
        }
        return crt;
    }

    /** The public half of a private key. */
    public static PublicKey publicKey(RSAPrivateCrtKey privateKey) {
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is always available", e);
        }
    }

    /** OCI's fingerprint of a public key: MD5 of its DER SubjectPublicKeyInfo, e.g. {@code 12:ab:…} (16 pairs). */
    public static String publicKeyFingerprint(PublicKey publicKey) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(publicKey.getEncoded());
            return HexFormat.ofDelimiter(":").formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is always available", e);
        }
    }

    /** The fingerprint of the public half of a PEM private key; throws {@link OciKeyException} on a bad key. */
    public static String fingerprintOfPrivateKey(String privateKeyPem) {
        return publicKeyFingerprint(publicKey(parsePrivateKey(privateKeyPem)));
    }

    /** {@code -----BEGIN PUBLIC KEY-----} PEM, the form OCI's console takes when adding an API key. */
    public static String publicKeyPem(PublicKey publicKey) {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    /** {@code -----BEGIN PRIVATE KEY-----} (PKCS#8) PEM. */
    public static String privateKeyPem(PrivateKey privateKey) {
        return pem("PRIVATE KEY", privateKey.getEncoded());
    }

    private static String pem(String type, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
    }

    /** PKCS#1 RSAPrivateKey → PKCS#8 PrivateKeyInfo { version 0, rsaEncryption, OCTET STRING pkcs1 }. */
    private static byte[] wrapPkcs1(byte[] pkcs1) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(new byte[] {0x02, 0x01, 0x00});
        content.writeBytes(RSA_ALGORITHM);
        content.writeBytes(tlv(0x04, pkcs1));
        return tlv(0x30, content.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = value.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            byte[] bytes = BigInteger.valueOf(length).toByteArray();
            int skip = bytes[0] == 0 ? 1 : 0;
            out.write(0x80 | (bytes.length - skip));
            out.write(bytes, skip, bytes.length - skip);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }
}
