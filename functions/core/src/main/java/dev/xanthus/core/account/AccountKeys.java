package dev.xanthus.core.account;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Generates the account key and CSR exactly as the Go program did, so records are interchangeable. */
public final class AccountKeys {

    private AccountKeys() {}

    public static AccountCsr generate(Clock clock) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            // Byte for byte the Go program's subject: C, O, OU in that order, as PrintableStrings; no CN, no SANs.
            var subject = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.C, new DERPrintableString("US"))
                    .addRDN(BCStyle.O, new DERPrintableString("Xanthus K3s Deployment"))
                    .addRDN(BCStyle.OU, new DERPrintableString("IT"))
                    .build();
            PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(subject, pair.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()));
            return new AccountCsr(
                    pem(csr),
                    pem(new JcaPKCS8Generator(pair.getPrivate(), null).generate()),
                    clock.instant().toString());
        } catch (NoSuchAlgorithmException
                | OperatorCreationException
                | org.bouncycastle.util.io.pem.PemGenerationException e) {
            throw new IllegalStateException("cannot generate the account key", e);
        }
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
