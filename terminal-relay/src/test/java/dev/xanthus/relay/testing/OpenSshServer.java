package dev.xanthus.relay.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH sshd on 127.0.0.1 with a throwaway config, host key and user key, run in the foreground ({@code -D})
 * as this test's child process. Needs {@code /usr/sbin/sshd} and root; {@link #available()} says whether both hold.
 */
public final class OpenSshServer implements AutoCloseable {

    private static final Path SSHD = Path.of("/usr/sbin/sshd");

    private final Path dir;
    private final Process process;
    private final int port;
    private final String hostFingerprint;
    private final String userKeyPem;

    private OpenSshServer(Path dir, Process process, int port, String hostFingerprint, String userKeyPem) {
        this.dir = dir;
        this.process = process;
        this.port = port;
        this.hostFingerprint = hostFingerprint;
        this.userKeyPem = userKeyPem;
    }

    public static boolean available() {
        return Files.isExecutable(SSHD) && "root".equals(System.getProperty("user.name"));
    }

    public static OpenSshServer start() throws Exception {
        Path dir = Files.createTempDirectory("relay-sshd-");
        Files.createDirectories(Path.of("/run/sshd"));
        String fingerprint = newKey(dir, "hostkey");
        newKey(dir, "userkey");
        Files.copy(dir.resolve("userkey.pub"), dir.resolve("authorized_keys"));
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path config = dir.resolve("sshd_config");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "Port " + port,
                        "ListenAddress 127.0.0.1",
                        "HostKey " + dir.resolve("hostkey"),
                        "PidFile " + dir.resolve("sshd.pid"),
                        "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                        "UsePAM no",
                        "PasswordAuthentication no",
                        "KbdInteractiveAuthentication no",
                        "StrictModes no",
                        "PermitRootLogin prohibit-password",
                        "PrintMotd no",
                        "PrintLastLog no",
                        "MaxStartups 500:30:1000",
                        "MaxSessions 500",
                        ""));
        run(dir, SSHD.toString(), "-t", "-f", config.toString());
        Process p = new ProcessBuilder(
                        SSHD.toString(),
                        "-D",
                        "-f",
                        config.toString(),
                        "-E",
                        dir.resolve("sshd.log").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("sshd.out").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                break;
            } catch (IOException notYet) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new IllegalStateException("sshd did not start: " + Files.readString(dir.resolve("sshd.out")));
                }
                Thread.sleep(50);
            }
        }
        return new OpenSshServer(dir, p, port, fingerprint, Files.readString(dir.resolve("userkey")));
    }

    /** A second host key's fingerprint: what a ticket would pin if the server had been replaced. */
    public String otherFingerprint() throws Exception {
        return Files.exists(dir.resolve("otherkey")) ? fingerprint(dir, "otherkey") : newKey(dir, "otherkey");
    }

    public SshTarget target() {
        return new SshTarget("127.0.0.1", port, "root", userKeyPem, hostFingerprint);
    }

    public int port() {
        return port;
    }

    /** Kills sshd and every session process it forked, as a crashed server would lose them. */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly()
                .onExit()
                .completeOnTimeout(process, 5, TimeUnit.SECONDS)
                .join();
    }

    @Override
    public void close() {
        kill();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }

    /** Makes an ed25519 key pair {@code dir/name} (+ {@code .pub}) and returns its SHA-256 fingerprint. */
    private static String newKey(Path dir, String name) throws Exception {
        run(
                dir,
                "ssh-keygen",
                "-q",
                "-t",
                "ed25519",
                "-N",
                "",
                "-f",
                dir.resolve(name).toString());
        return fingerprint(dir, name);
    }

    private static String fingerprint(Path dir, String name) throws Exception {
        return run(
                        dir,
                        "ssh-keygen",
                        "-l",
                        "-E",
                        "sha256",
                        "-f",
                        dir.resolve(name + ".pub").toString())
                .split(" ")[1];
    }

    private static String run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(List.of(command))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out.trim();
    }
}
