package dev.xanthus.clients.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OriginCaTest {

    @RegisterExtension
    final CloudflareSandbox sandbox = new CloudflareSandbox();

    @Test
    void createOriginCertificate_shouldIssueRealX509ForTheCsr() throws Exception {
        // given
        KeyPair keys = keyPair("RSA");
        List<String> hostnames = List.of("example.com", "*.example.com");

        // when
        OriginCertificate issued = sandbox.client()
                .createOriginCertificate(OriginCertificateRequest.rsa(csr(keys, "SHA256withRSA"), hostnames, 5475));

        // then
        X509Certificate certificate = parse(issued.certificate());
        certificate.verify(sandbox.simulator().originCaCertificate().getPublicKey());
        assertThat(certificate.getIssuerX500Principal())
                .isEqualTo(sandbox.simulator().originCaCertificate().getSubjectX500Principal());
        assertThat(certificate.getSubjectAlternativeNames().stream()
                        .map(san -> (String) san.get(1))
                        .toList())
                .isEqualTo(hostnames);
        assertThat(Duration.between(
                        certificate.getNotBefore().toInstant(),
                        certificate.getNotAfter().toInstant()))
                .isEqualTo(Duration.ofDays(5475));
        assertThat(certificate.getPublicKey()).isEqualTo(keys.getPublic());
        assertThat(issued.expiresOn()).isEqualTo(certificate.getNotAfter().toInstant());
        assertThat(issued.hostnames()).isEqualTo(hostnames);
        assertThat(issued.requestType()).isEqualTo("origin-rsa");
    }

    @Test
    void createOriginCertificate_shouldHonourShortValidity_forEccRequests() throws Exception {
        KeyPair keys = keyPair("EC");

        OriginCertificate issued = sandbox.client()
                .createOriginCertificate(new OriginCertificateRequest(
                        csr(keys, "SHA256withECDSA"), List.of("example.org"), 7, "origin-ecc"));

        X509Certificate certificate = parse(issued.certificate());
        assertThat(Duration.between(
                        certificate.getNotBefore().toInstant(),
                        certificate.getNotAfter().toInstant()))
                .isEqualTo(Duration.ofDays(7));
        assertThat(certificate.getPublicKey()).isEqualTo(keys.getPublic());
    }

    @Test
    void createOriginCertificate_shouldBeRejected_whenCsrIsGarbageOrValidityUnsupported() throws Exception {
        String csr = csr(keyPair("RSA"), "SHA256withRSA");

        assertThatThrownBy(() -> sandbox.client()
                        .createOriginCertificate(OriginCertificateRequest.rsa(
                                "-----BEGIN CERTIFICATE REQUEST-----AAAA", List.of("example.com"), 5475)))
                .isInstanceOfSatisfying(CloudflareException.class, e -> assertThat(e.kind())
                        .isEqualTo(CloudflareException.Kind.REJECTED));
        assertThatThrownBy(() -> sandbox.client()
                        .createOriginCertificate(OriginCertificateRequest.rsa(csr, List.of("example.com"), 100)))
                .isInstanceOfSatisfying(
                        CloudflareException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> sandbox.client()
                        .createOriginCertificate(
                                new OriginCertificateRequest(csr, List.of("example.com"), 5475, "origin-ecc")))
                .isInstanceOfSatisfying(
                        CloudflareException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void revokeOriginCertificate_shouldMarkItRevoked_inTheZoneSnapshot() throws Exception {
        OriginCertificate issued = sandbox.client()
                .createOriginCertificate(OriginCertificateRequest.rsa(
                        csr(keyPair("RSA"), "SHA256withRSA"), List.of("example.com", "*.example.com"), 5475));

        sandbox.client().revokeOriginCertificate(issued.id());

        assertThat(sandbox.simulator().snapshot("example.com").certificates())
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.id()).isEqualTo(issued.id());
                    assertThat(c.revoked()).isTrue();
                });
        assertThat(sandbox.simulator().snapshot("example.org").certificates()).isEmpty();
        assertThatThrownBy(() -> sandbox.client().revokeOriginCertificate(issued.id()))
                .isInstanceOfSatisfying(CloudflareException.class, e -> assertThat(e.kind())
                        .isEqualTo(CloudflareException.Kind.NOT_FOUND));
    }

    private static KeyPair keyPair(String algorithm) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (algorithm.equals("EC")) {
            generator.initialize(new ECGenParameterSpec("secp256r1"));
        } else {
            generator.initialize(2048);
        }
        return generator.generateKeyPair();
    }

    /** A CSR like the Go program's: no CN, no SANs; the hostnames come from the request. */
    private static String csr(KeyPair keys, String signatureAlgorithm) throws Exception {
        var request = new JcaPKCS10CertificationRequestBuilder(
                        new X500Name("C=US,O=Xanthus K3s Deployment,OU=IT"), keys.getPublic())
                .build(new JcaContentSignerBuilder(signatureAlgorithm).build(keys.getPrivate()));
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(request);
        }
        return out.toString();
    }

    private static X509Certificate parse(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)));
    }
}
