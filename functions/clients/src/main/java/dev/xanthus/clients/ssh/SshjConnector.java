package dev.xanthus.clients.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.sftp.FileAttributes;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyPairWrapper;

/** {@link SshConnector} with sshj: host key pinned by SHA-256 fingerprint (or recorded on first use), bounded waits. */
public final class SshjConnector implements SshConnector {

    /** Output beyond this is cut: logs are asked for by line count, so more means something is wrong. */
    static final int MAX_OUTPUT_BYTES = 2 * 1024 * 1024;

    private static final DefaultConfig CONFIG = new DefaultConfig();

    private final Duration connectTimeout;
    private final Duration commandTimeout;

    public SshjConnector(Duration connectTimeout, Duration commandTimeout) {
        this.connectTimeout = connectTimeout;
        this.commandTimeout = commandTimeout;
    }

    /** For a request: fits inside API Gateway's 30 s (and the 24 s request deadline) with room for the calls around it. */
    public static SshjConnector requestPath() {
        return new SshjConnector(Duration.ofSeconds(8), Duration.ofSeconds(15));
    }

    /** For a job step: a command may wait for {@code helm --wait --timeout 10m}, so it may take 11 minutes. */
    public static SshjConnector jobPath() {
        return new SshjConnector(Duration.ofSeconds(10), Duration.ofMinutes(11));
    }

    @Override
    public SshSession open(SshTarget target) {
        PinningVerifier verifier = new PinningVerifier(target.pinnedHostKey());
        SSHClient ssh = new SSHClient(CONFIG);
        ssh.addHostKeyVerifier(verifier);
        ssh.setConnectTimeout((int) connectTimeout.toMillis());
        ssh.setTimeout((int) commandTimeout.toMillis());
        String where = target.host() + ":" + target.port();
        try {
            ssh.connect(target.host(), target.port());
            ssh.authPublickey(target.user(), new KeyPairWrapper(target.key()));
            return new SshjSession(ssh, verifier.seen, where);
        } catch (UserAuthException e) {
            closeQuietly(ssh);
            throw new SshException(
                    SshException.Kind.AUTH_FAILED, "the server " + where + " refused the account key", e);
        } catch (ConnectException | NoRouteToHostException | SocketTimeoutException | UnknownHostException e) {
            closeQuietly(ssh);
            throw new SshException(SshException.Kind.UNREACHABLE, "cannot connect to " + where, e);
        } catch (IOException e) {
            closeQuietly(ssh);
            if (verifier.mismatch) {
                throw new SshException(
                        SshException.Kind.HOST_KEY_MISMATCH,
                        "the server " + where + " presented host key " + verifier.seen + ", not the pinned "
                                + target.pinnedHostKey(),
                        null);
            }
            throw new SshException(SshException.Kind.FAILED, "SSH to " + where + " failed", e);
        }
    }

    /** OpenSSH's form: {@code SHA256:} and the unpadded base64 of the SHA-256 of the key blob. */
    public static String fingerprint(PublicKey key) {
        try {
            byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void closeQuietly(SSHClient ssh) {
        try {
            ssh.close();
        } catch (IOException ignored) {
            // already failing; the original error is the one to report
        }
    }

    /** Accepts exactly the pinned key; with no pin, accepts and records the first key seen. */
    private static final class PinningVerifier implements HostKeyVerifier {
        private final String pinned;
        private volatile String seen;
        private volatile boolean mismatch;

        PinningVerifier(String pinned) {
            this.pinned = pinned;
        }

        @Override
        public boolean verify(String hostname, int port, PublicKey key) {
            seen = fingerprint(key);
            mismatch = pinned != null
                    && !MessageDigest.isEqual(
                            pinned.getBytes(StandardCharsets.UTF_8), seen.getBytes(StandardCharsets.UTF_8));
            return !mismatch;
        }

        @Override
        public List<String> findExistingAlgorithms(String hostname, int port) {
            return List.of();
        }
    }

    private final class SshjSession implements SshSession {
        private final SSHClient ssh;
        private final String fingerprint;
        private final String where;

        SshjSession(SSHClient ssh, String fingerprint, String where) {
            this.ssh = ssh;
            this.fingerprint = fingerprint;
            this.where = where;
        }

        @Override
        public String hostKeyFingerprint() {
            return fingerprint;
        }

        @Override
        public CommandResult run(String commandLine) {
            return run(commandLine, null);
        }

        @Override
        public CommandResult run(String commandLine, byte[] stdin) {
            try (Session session = ssh.startSession()) {
                Session.Command command = session.exec(commandLine);
                if (stdin != null) {
                    try (java.io.OutputStream in = command.getOutputStream()) {
                        in.write(stdin);
                        in.flush();
                    }
                }
                // stdout and stderr are drained together so neither fills its window and stalls the other
                CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(command.getErrorStream()));
                String out = drain(command.getInputStream());
                String errText = err.get(commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
                command.join(commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
                Integer status = command.getExitStatus();
                if (status == null) {
                    throw new SshException(
                            SshException.Kind.TIMEOUT, "a command on " + where + " did not finish in time", null);
                }
                return new CommandResult(status, out, errText);
            } catch (TimeoutException e) {
                throw new SshException(
                        SshException.Kind.TIMEOUT, "a command on " + where + " did not finish in time", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SshException(SshException.Kind.FAILED, "interrupted while running a command on " + where, e);
            } catch (IOException | ExecutionException e) {
                throw new SshException(SshException.Kind.FAILED, "a command on " + where + " failed", e);
            }
        }

        @Override
        public void upload(String remotePath, byte[] content) {
            try (SFTPClient sftp = ssh.newSFTPClient()) {
                int slash = remotePath.lastIndexOf('/');
                if (slash > 0) {
                    sftp.mkdirs(remotePath.substring(0, slash));
                }
                try (RemoteFile file = sftp.open(
                                remotePath,
                                EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.TRUNC),
                                new FileAttributes.Builder()
                                        .withPermissions(0600)
                                        .build());
                        java.io.OutputStream out = file.new RemoteFileOutputStream(0)) {
                    out.write(content);
                }
            } catch (IOException e) {
                throw new SshException(SshException.Kind.FAILED, "uploading a file to " + where + " failed", e);
            }
        }

        @Override
        public void remove(String remotePath) {
            try (SFTPClient sftp = ssh.newSFTPClient()) {
                if (sftp.statExistence(remotePath) != null) {
                    sftp.rm(remotePath);
                }
            } catch (IOException e) {
                throw new SshException(SshException.Kind.FAILED, "removing a file on " + where + " failed", e);
            }
        }

        private static String drain(InputStream in) {
            try {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                byte[] chunk = new byte[8192];
                for (int n; (n = in.read(chunk)) >= 0; ) {
                    if (buffer.size() < MAX_OUTPUT_BYTES) {
                        buffer.write(chunk, 0, Math.min(n, MAX_OUTPUT_BYTES - buffer.size()));
                    }
                }
                return buffer.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            closeQuietly(ssh);
        }
    }
}
