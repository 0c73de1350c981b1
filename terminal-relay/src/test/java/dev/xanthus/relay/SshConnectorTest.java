package dev.xanthus.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xanthus.relay.testing.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the connector reads the ticket's key and checks the server's host key against the pinned fingerprint. */
class SshConnectorTest {

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    /** OpenSSH's {@code ssh-keygen -l -E sha256} form, computed here independently of MINA. */
    private static String sha256Fingerprint(PublicKey key) throws Exception {
        String line = PublicKeyEntry.toString(key);
        byte[] blob = Base64.getDecoder().decode(line.split(" ")[1]);
        return "SHA256:"
                + Base64.getEncoder()
                        .withoutPadding()
                        .encodeToString(MessageDigest.getInstance("SHA-256").digest(blob));
    }

    private static List<KeyPair> load(String pem) throws Exception {
        List<KeyPair> keys = new ArrayList<>();
        SshConnector.loadKeys(pem).forEach(keys::add);
        return keys;
    }

    @Test
    void loadKeys_shouldReadAPkcs8RsaKey_asTheApiStoresTheAccountKey() throws Exception {
        KeyPair key = rsa();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes())
                        .encodeToString(key.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";

        List<KeyPair> loaded = load(pem);

        assertThat(loaded).hasSize(1);
        assertThat(loaded.get(0).getPublic()).isEqualTo(key.getPublic());
    }

    @Test
    void loadKeys_shouldReadAPkcs1RsaKey() throws Exception {
        KeyPair key = rsa();

        assertThat(load(Pem.privateKey(key)).get(0).getPublic()).isEqualTo(key.getPublic());
    }

    @Test
    void loadKeys_shouldReadAnOpenSshEd25519Key(@TempDir Path dir) throws Exception {
        assertThat(Files.isExecutable(Path.of("/usr/bin/ssh-keygen")))
                .as("needs ssh-keygen (openssh-client)")
                .isTrue();
        Path file = dir.resolve("k");
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", file.toString()).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0).isTrue();

        List<KeyPair> loaded = load(Files.readString(file));

        assertThat(PublicKeyEntry.toString(loaded.get(0).getPublic()))
                .isEqualTo(Files.readString(dir.resolve("k.pub")).split(" ")[0] + " "
                        + Files.readString(dir.resolve("k.pub")).split(" ")[1]);
    }

    @Test
    void loadKeys_shouldRefuseText_thatHoldsNoKey() {
        assertThatThrownBy(() -> load("not a key")).isInstanceOf(Exception.class);
    }

    @Test
    void pinnedHostKey_shouldAcceptOnlyTheKeyWithThePinnedFingerprint() throws Exception {
        KeyPair server = rsa();
        KeyPair impostor = rsa();
        SshConnector.PinnedHostKey pin = new SshConnector.PinnedHostKey(sha256Fingerprint(server.getPublic()));

        assertThat(pin.matches(server.getPublic())).isTrue();
        assertThat(pin.rejected).isFalse();
        assertThat(pin.matches(impostor.getPublic())).isFalse();
        assertThat(pin.rejected).isTrue();
        assertThat(new SshConnector.PinnedHostKey(null).matches(server.getPublic()))
                .isFalse();
        assertThat(new SshConnector.PinnedHostKey("SHA256:AAAA").matches(server.getPublic()))
                .isFalse();
    }
}
