package dev.xanthus.core.dns;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;

/**
 * The Origin CA root appended to every origin certificate (step 3 of configuring a domain). In real mode it is
 * Cloudflare's {@code origin_ca_rsa_root.pem}, bundled in the jar as {@link #RESOURCE} and checked at start-up;
 * it is never downloaded at run time. In sandbox mode it is the simulator's root, handed over by the local stack.
 */
@FunctionalInterface
public interface OriginCaRoot {

  /** Where the genuine root must be placed (in {@code functions/core/src/main/resources}). */
  String RESOURCE = "dev/xanthus/core/dns/origin_ca_rsa_root.pem";

  /** Cloudflare's Origin CA RSA root names itself so in its subject (OU). */
  String GENUINE_SUBJECT_MARK = "CloudFlare Origin SSL Certificate Authority";

  /** The root as PEM, or {@link Unavailable}. */
  String pem();

  /** Thrown when the root is not available; configuring a domain then fails at step 3 and rolls back. */
  final class Unavailable extends RuntimeException {
    public Unavailable(String message) {
      super(message, null, false, false);
    }
  }

  /** A fixed root, checked to be a self-signed CA certificate (the sandbox's own, or a test's). */
  static OriginCaRoot of(String pem) {
    parseCa(pem, "the given Origin CA root");
    return () -> pem;
  }

  /** No root: every use fails with {@code reason}. */
  static OriginCaRoot unavailable(String reason) {
    return () -> {
      throw new Unavailable(reason);
    };
  }

  /**
   * Cloudflare's root from {@link #RESOURCE}. Throws {@link IllegalStateException} when it is missing or is not
   * a self-signed RSA CA certificate whose subject names Cloudflare's Origin SSL CA, so real mode refuses to start
   * with a placeholder.
   */
  static OriginCaRoot bundled() {
    return bundled(OriginCaRoot.class.getClassLoader(), RESOURCE);
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
    return () -> pem;
  }

  private static X509Certificate parseCa(String pem, String what) {
    try {
      X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
      if (!cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal()) || cert.getBasicConstraints() < 0) {
        throw new IllegalStateException(what + " is not a self-signed CA certificate");
      }
      cert.verify(cert.getPublicKey());
      return cert;
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new IllegalStateException(what + " is not a valid X.509 CA certificate in PEM", e);
    }
  }
}
