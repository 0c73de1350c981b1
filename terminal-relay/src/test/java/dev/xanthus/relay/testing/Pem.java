package dev.xanthus.relay.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** PEM text of a Java key pair, as the API will hand the relay an SSH private key. */
public final class Pem {

    private Pem() {}

    public static String privateKey(KeyPair key) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
