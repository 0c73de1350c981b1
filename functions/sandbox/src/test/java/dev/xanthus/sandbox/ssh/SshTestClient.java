package dev.xanthus.sandbox.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.userauth.keyprovider.KeyPairWrapper;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/** An sshj client for tests: logs in (as root unless told otherwise) with a key, pinning the server's host key by fingerprint. */
public final class SshTestClient implements AutoCloseable {

    /** An output and the exit status of one exec. */
    public record Result(String out, String err, int exitStatus) {}

    private final SSHClient ssh;

    private SshTestClient(SSHClient ssh) {
        this.ssh = ssh;
    }

    public static KeyPair newRsaKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code ssh-rsa AAAA…} line a user would paste into authorized_keys. */
    public static String authorizedKeyLine(KeyPair key) {
        return PublicKeyEntry.toString(key.getPublic()) + " test@xanthus";
    }

    public static SshTestClient connect(InetSocketAddress address, String fingerprint, KeyPair key) throws IOException {
        return connect(address, fingerprint, key, "root");
    }

    /** Logs in as {@code user} (e.g. {@code ubuntu} on a simulated OCI instance). */
    public static SshTestClient connect(InetSocketAddress address, String fingerprint, KeyPair key, String user)
            throws IOException {
        SSHClient ssh = new SSHClient();
        ssh.addHostKeyVerifier(fingerprint);
        ssh.setConnectTimeout(5_000);
        ssh.setTimeout(10_000);
        try {
            ssh.connect(address.getHostString(), address.getPort());
            ssh.authPublickey(user, new KeyPairWrapper(key));
        } catch (IOException | RuntimeException e) {
            ssh.close();
            throw e;
        }
        return new SshTestClient(ssh);
    }

    /** Runs one command over a connection of its own and returns its standard output. */
    public static String run(InetSocketAddress address, String fingerprint, KeyPair key, String user, String command)
            throws IOException {
        try (SshTestClient client = connect(address, fingerprint, key, user)) {
            return client.exec(command).out();
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

    public Result exec(String command) throws IOException {
        try (Session session = ssh.startSession()) {
            Session.Command cmd = session.exec(command);
            String out = read(cmd.getInputStream());
            String err = read(cmd.getErrorStream());
            cmd.join(10, TimeUnit.SECONDS);
            return new Result(out, err, cmd.getExitStatus() == null ? -1 : cmd.getExitStatus());
        }
    }

    public SSHClient ssh() {
        return ssh;
    }

    private static String read(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        in.transferTo(buffer);
        return buffer.toString(StandardCharsets.UTF_8);
    }

    /** Polls {@code condition} until it holds or {@code timeout} passes. */
    public static boolean eventually(Duration timeout, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(25);
        }
        return condition.getAsBoolean();
    }

    @Override
    public void close() throws IOException {
        ssh.close();
    }
}
