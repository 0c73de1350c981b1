package dev.xanthus.core.dns;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;

/** The origin certificate as KV stores it: the leaf followed by Cloudflare's Origin CA root, in PEM. */
final class CertificatePem {

    private CertificatePem() {}

    /** The leaf and the root, as a web server's certificate file wants them. */
    static String chain(String certificatePem, String rootPem) {
        String leaf = certificatePem.endsWith("\n") ? certificatePem : certificatePem + "\n";
        return leaf + rootPem;
    }

    /** The first certificate's expiry, or null when the PEM does not parse. */
    static Instant notAfter(String pem) {
        if (pem == null || pem.isEmpty()) {
            return null;
        }
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            return cert.getNotAfter().toInstant();
        } catch (CertificateException | ClassCastException e) {
            return null;
        }
    }
}
