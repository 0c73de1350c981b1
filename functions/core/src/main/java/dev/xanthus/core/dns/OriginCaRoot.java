package dev.xanthus.core.dns;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The Origin CA root appended to every origin certificate (step 3 of configuring a domain). In real mode it is
 * Cloudflare's {@code origin_ca_rsa_root.pem}, bundled in the jar as {@link #RESOURCE}, byte-exact and pinned by
 * {@link #GENUINE_SHA256}; it is never downloaded at run time. Provenance: the file Cloudflare publishes on its SSL
 * documentation pages, checked against the RSA block embedded in Cloudflare's {@code cloudflared}
 * ({@code tlsconfig/cloudflare_ca.go}) — see functions/sandbox/contracts/cloudflare/origin-ca.md. In sandbox mode it
 * is the simulator's root, handed over by the local stack.
 */
public interface OriginCaRoot {

    /** Where the genuine root lives (in {@code functions/core/src/main/resources}). */
    String RESOURCE = "dev/xanthus/core/dns/origin_ca_rsa_root.pem";

    /** SHA-256 of Cloudflare's published file; the root expires 2029-08-15T17:00:00Z. */
    String GENUINE_SHA256 = "91a8a5567efa6bf941162aa806b3ba476aaddf7867640e53053b35fb225a5dae";

    /** Cloudflare's Origin CA RSA root names itself so in its subject (OU). */
    String GENUINE_SUBJECT_MARK = "CloudFlare Origin SSL Certificate Authority";

    /** The root as PEM, or {@link Unavailable}. */
    String pem();

    /** Why configuring a domain cannot work at all here; empty when the root is there. */
    default Optional<String> unavailableReason() {
        return Optional.empty();
    }

    /** When the root itself expires, when known. */
    default Optional<Instant> notAfter() {
        return Optional.empty();
    }

    /** Thrown when the root is not available; configuring a domain then fails at step 3 and rolls back. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message, null, false, false);
        }
    }

    /** A fixed root, checked to be a self-signed CA certificate (the sandbox's own, or a test's). */
    static OriginCaRoot of(String pem) {
        return new Fixed(
                pem, parseCa(pem, "the given Origin CA root").getNotAfter().toInstant());
    }

    /** No root: every use fails with {@code reason}. */
    static OriginCaRoot unavailable(String reason) {
        return new OriginCaRoot() {
            @Override
            public String pem() {
                throw new Unavailable(reason);
            }

            @Override
            public Optional<String> unavailableReason() {
                return Optional.of(reason);
            }
        };
    }

    /**
     * Cloudflare's root from {@link #RESOURCE}. Throws {@link IllegalStateException} when it is missing, is not the
     * pinned file, or is not a self-signed RSA CA certificate whose subject names Cloudflare's Origin SSL CA.
     */
    static OriginCaRoot bundled() {
        OriginCaRoot root = bundled(OriginCaRoot.class.getClassLoader(), RESOURCE);
        String sha256 = sha256(root.pem());
        if (!GENUINE_SHA256.equals(sha256)) {
            throw new IllegalStateException(RESOURCE + " is not Cloudflare's published origin_ca_rsa_root.pem (SHA-256 "
                    + sha256 + ", expected " + GENUINE_SHA256 + ")");
        }
        return root;
    }

    static OriginCaRoot bundled(ClassLoader loader, String resource) {
        String pem;
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Cloudflare's Origin CA RSA root is not bundled: put Cloudflare's "
                        + "origin_ca_rsa_root.pem at functions/core/src/main/resources/" + resource + " (see README)");
            }
            pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
        X509Certificate root = parseCa(pem, resource);
        if (!(root.getPublicKey() instanceof RSAPublicKey)
                || !root.getSubjectX500Principal().getName().contains(GENUINE_SUBJECT_MARK)) {
            throw new IllegalStateException(resource + " is not Cloudflare's Origin CA RSA root (expected an RSA root "
                    + "whose subject names " + GENUINE_SUBJECT_MARK + ")");
        }
        return new Fixed(pem, root.getNotAfter().toInstant());
    }

    /** Hex SHA-256 of the PEM's bytes, as {@code sha256sum} prints it. */
    static String sha256(String pem) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate parseCa(String pem, String what) {
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            if (!cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal())
                    || cert.getBasicConstraints() < 0) {
                throw new IllegalStateException(what + " is not a self-signed CA certificate");
            }
            cert.verify(cert.getPublicKey());
            return cert;
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException(what + " is not a valid X.509 CA certificate in PEM", e);
        }
    }

    /** A root that is there. */
    record Fixed(String pem, Instant expiry) implements OriginCaRoot {
        @Override
        public Optional<Instant> notAfter() {
            return Optional.of(expiry);
        }
    }
}
