package dev.xanthus.sandbox.cloudflare;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/** The sandbox's stand-in for Cloudflare's Origin CA: a fresh root that signs certificates from CSRs. */
final class OriginCa {

    /** Thrown for a CSR that does not parse, is not self-consistent, or does not fit the request type. */
    static final class BadCsrException extends Exception {
        BadCsrException(String message) {
            super(message);
        }
    }

    /** A certificate just issued. */
    record Issued(String serial, String pem, Instant notAfter) {}

    private static final X500Name ISSUED_SUBJECT =
            new X500Name("CN=CloudFlare Origin Certificate,OU=CloudFlare Origin CA,O=CloudFlare\\, Inc.");

    private final SecureRandom random = new SecureRandom();
    private final KeyPair keys;
    private final X509Certificate certificate;

    OriginCa(Instant now) {
        try {
            // EC keeps start-up fast; clients only need the chain to verify, whatever the CA's key type.
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256, random);
            keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=Xanthus Sandbox Origin CA,O=Xanthus Sandbox");
            Instant from = now.truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(1));
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                            name,
                            serial(),
                            Date.from(from),
                            Date.from(from.plus(Duration.ofDays(365 * 20))),
                            name,
                            keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            certificate = sign(builder);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot create the sandbox Origin CA", e);
        }
    }

    X509Certificate certificate() {
        return certificate;
    }

    String certificatePem() {
        return pem(certificate);
    }

    /** Issues a certificate for the CSR's key, valid from now for {@code days}, with {@code hostnames} as SANs. */
    Issued issue(String csrPem, List<String> hostnames, int days, String requestType, Instant now)
            throws BadCsrException {
        PublicKey publicKey = verifiedKey(csrPem);
        String expected = "origin-ecc".equals(requestType) ? "EC" : "RSA";
        if (!publicKey.getAlgorithm().equals(expected)) {
            throw new BadCsrException("The CSR key type does not match request_type " + requestType);
        }
        Instant notBefore = now.truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = notBefore.plus(Duration.ofDays(days));
        BigInteger serial = serial();
        try {
            GeneralNames sans = new GeneralNames(hostnames.stream()
                    .map(host -> new GeneralName(GeneralName.dNSName, host))
                    .toArray(GeneralName[]::new));
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                            certificate, serial, Date.from(notBefore), Date.from(notAfter), ISSUED_SUBJECT, publicKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(
                            Extension.keyUsage,
                            true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                        KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
                    }))
                    .addExtension(Extension.subjectAlternativeName, false, sans);
            return new Issued(serial.toString(), pem(sign(builder)), notAfter);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot sign a certificate", e);
        }
    }

    private static PublicKey verifiedKey(String csrPem) throws BadCsrException {
        try (PEMParser parser = new PEMParser(new StringReader(csrPem))) {
            if (!(parser.readObject() instanceof PKCS10CertificationRequest csr)) {
                throw new BadCsrException("The CSR is not a PEM certificate request");
            }
            PublicKey key = new JcaPEMKeyConverter().getPublicKey(csr.getSubjectPublicKeyInfo());
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))) {
                throw new BadCsrException("The CSR signature is invalid");
            }
            return key;
        } catch (IOException | OperatorCreationException | PKCSException | IllegalArgumentException e) {
            throw new BadCsrException("The CSR could not be parsed");
        }
    }

    private X509Certificate sign(X509v3CertificateBuilder builder) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private BigInteger serial() {
        return new BigInteger(63, random);
    }

    private static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
