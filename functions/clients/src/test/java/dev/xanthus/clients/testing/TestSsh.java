package dev.xanthus.clients.testing;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.userauth.keyprovider.KeyPairWrapper;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/**
 * Real SSH to sandbox servers for the client tests (Hetzner's and OCI's): sshj with a key, the host key pinned by
 * fingerprint.
 */
public final class TestSsh {

    private TestSsh() {}

    public static KeyPair newRsaKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String authorizedKeyLine(KeyPair key) {
        return PublicKeyEntry.toString(key.getPublic()) + " test@xanthus";
    }

    /** Runs one command as root and returns its standard output. */
    public static String exec(InetSocketAddress address, String fingerprint, KeyPair key, String command)
            throws IOException {
        return exec(address, fingerprint, "root", key, command);
    }

    /** Runs one command as {@code user} and returns its standard output. */
    public static String exec(InetSocketAddress address, String fingerprint, String user, KeyPair key, String command)
            throws IOException {
        try (SSHClient ssh = new SSHClient()) {
            ssh.addHostKeyVerifier(fingerprint);
            ssh.setConnectTimeout(5_000);
            ssh.setTimeout(10_000);
            ssh.connect(address.getHostString(), address.getPort());
            ssh.authPublickey(user, new KeyPairWrapper(key));
            try (Session session = ssh.startSession()) {
                Session.Command cmd = session.exec(command);
                String out = new String(cmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                cmd.join(10, TimeUnit.SECONDS);
                return out;
            }
        }
    }

    /** True when nothing listens at {@code address} any more. */
    public static boolean refused(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 2_000);
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
