package dev.xanthus.sandbox.oci;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The sandbox tenancy's API signing key: generated once, or kept in a folder ({@code oci_api_key.pem},
 * {@code oci_api_key_public.pem} and an OCI CLI style {@code config} naming tenancy, user, fingerprint, region and
 * key file) so it survives restarts.
 *
 * @param privateKeyPem PKCS#8 PEM, the form {@code oci setup keys} writes
 */
public record SandboxKey(KeyPair keyPair, String privateKeyPem, String fingerprint) {

    public static final String PRIVATE_KEY_FILE = "oci_api_key.pem";
    public static final String PUBLIC_KEY_FILE = "oci_api_key_public.pem";
    public static final String CONFIG_FILE = "config";

    public static SandboxKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return of(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    /** Reads the key from {@code dir}, or generates one and writes it there (mode 0600) first. */
    public static SandboxKey loadOrCreate(Path dir) {
        Path file = dir.resolve(PRIVATE_KEY_FILE);
        try {
            if (Files.exists(file)) {
                return of(read(Files.readString(file)));
            }
            Files.createDirectories(dir);
            SandboxKey key = generate();
            Files.writeString(file, key.privateKeyPem(), StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            Files.writeString(dir.resolve(PUBLIC_KEY_FILE), key.publicKeyPem(), StandardCharsets.US_ASCII);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the sandbox OCI key in " + dir, e);
        }
    }

    /** Writes the OCI CLI style config naming this key (the private key stays in its own file). */
    public void writeConfig(Path dir, String tenancy, String user, String region) {
        String config = "# Sandbox OCI credentials of the local stack's OCI simulator (not a real tenancy).\n"
                + "[DEFAULT]\n"
                + "user=" + user + "\n"
                + "fingerprint=" + fingerprint + "\n"
                + "tenancy=" + tenancy + "\n"
                + "region=" + region + "\n"
                + "key_file=" + dir.resolve(PRIVATE_KEY_FILE).toAbsolutePath() + "\n";
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(CONFIG_FILE), config, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sandbox OCI config in " + dir, e);
        }
    }

    public PublicKey publicKey() {
        return keyPair.getPublic();
    }

    public String publicKeyPem() {
        return pem("PUBLIC KEY", keyPair.getPublic().getEncoded());
    }

    /** OCI's fingerprint: MD5 of the DER SubjectPublicKeyInfo, colon-separated hex. */
    public static String fingerprint(PublicKey key) {
        try {
            return HexFormat.ofDelimiter(":")
                    .formatHex(MessageDigest.getInstance("MD5").digest(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A {@code BEGIN PUBLIC KEY} PEM. */
    public static PublicKey readPublicKey(String pem) {
        try {
            byte[] der = Base64.getMimeDecoder()
                    .decode(pem.replaceAll("-----[A-Z ]+-----", "").trim());
            return KeyFactory.getInstance("RSA").generatePublic(new java.security.spec.X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an RSA public key in PEM (BEGIN PUBLIC KEY) form");
        }
    }

    @Override
    public String toString() {
        return "SandboxKey[fingerprint=" + fingerprint + "]";
    }

    private static SandboxKey of(KeyPair pair) {
        return new SandboxKey(pair, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), fingerprint(pair.getPublic()));
    }

    private static KeyPair read(String pem) {
        try {
            byte[] der = Base64.getMimeDecoder()
                    .decode(pem.replaceAll("-----[A-Z ]+-----", "").trim());
            KeyFactory factory = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey key = (RSAPrivateCrtKey) factory.generatePrivate(new PKCS8EncodedKeySpec(der));
            PublicKey pub = factory.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
            return new KeyPair(pub, key);
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException(
                    "the sandbox OCI key file is not a PKCS#8 RSA key; delete it to get a new one", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
