package dev.xanthus.relay;

import dev.xanthus.core.terminal.TerminalTicket;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.channel.PtyChannelConfiguration;
import org.apache.sshd.common.channel.StreamingChannel;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * Opens PTY shells with one shared Apache MINA sshd client: pinned host key, public-key auth with the ticket's key.
 * The SSH connections run on the relay's Netty event loops ({@link NettySshTransport}): no thread per connection, no
 * thread of their own at all. {@link #open} blocks (connect, key exchange, auth, channel open): never call it on an
 * event loop.
 */
final class SshConnector implements AutoCloseable {

    static final String TERM = "xterm-256color";

    /**
     * The SSH receive window per shell. Output the browser has not taken yet waits in MINA's channel buffer up to this
     * much (then the server stops sending), and that buffer keeps its largest size: bounded here rather than MINA's
     * 2 MiB default. 256 KiB is many round trips of terminal output even on a slow link.
     */
    static final int WINDOW_BYTES = 256 * 1024;
    /** Keep-alive: a want-reply request every 30 s; three unanswered in a row and the connection is dropped. */
    static final Duration HEARTBEAT = Duration.ofSeconds(30);

    static final int HEARTBEAT_MAX_MISSED = 3;

    private static final AttributeRepository.AttributeKey<PinnedHostKey> PIN = new AttributeRepository.AttributeKey<>();

    private final SshClient client;
    private final Duration timeout;

    /** {@code loops}: the relay's socket event loops, which carry the SSH connections too. */
    SshConnector(Duration timeout, EventLoopGroup loops) {
        this.timeout = timeout;
        client = SshClient.setUpDefaultClient();
        client.setIoServiceFactoryFactory(NettySshTransport.factoryFactory(loops, timeout));
        // nothing from the relay host's ~/.ssh: no config file, no default identities, no known_hosts, no agent
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setFilePasswordProvider(FilePasswordProvider.EMPTY);
        client.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        client.setServerKeyVerifier((session, address, key) -> {
            PinnedHostKey pin = session.getConnectionContext() == null
                    ? null
                    : session.getConnectionContext().getAttribute(PIN);
            return pin != null && pin.matches(key);
        });
        // AES-GCM first: the JDK's AES has CPU intrinsics, MINA's chacha20-poly1305 is plain Java
        List<NamedFactory<Cipher>> ciphers = new ArrayList<>(client.getCipherFactories());
        ciphers.sort(Comparator.comparingInt(c -> c.getName().contains("gcm") ? 0 : 1));
        client.setCipherFactories(ciphers);
        CoreModuleProperties.WINDOW_SIZE.set(client, (long) WINDOW_BYTES);
        CoreModuleProperties.IO_CONNECT_TIMEOUT.set(client, timeout);
        CoreModuleProperties.AUTH_TIMEOUT.set(client, timeout);
        // the relay has its own idle timeout (RELAY_IDLE_TIMEOUT); MINA's 10-minute default would cut quiet shells
        CoreModuleProperties.IDLE_TIMEOUT.set(client, Duration.ZERO);
        CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, HEARTBEAT);
        CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(client, HEARTBEAT_MAX_MISSED);
        client.start();
    }

    /**
     * Opens the ticket's shell; the SSH connection lives on {@code loop} (the browser socket's event loop), so both
     * directions of the session are handled by that one thread. Blocks: call it off the event loops.
     */
    SshShell open(TerminalTicket ticket, EventLoop loop) throws SshFailure {
        PinnedHostKey pin = new PinnedHostKey(ticket.hostKeyFingerprint());
        ClientSession session;
        try {
            ConnectFuture connect = NettySshTransport.onLoop(
                    loop,
                    () -> client.connect(
                            ticket.user(), ticket.host(), ticket.port(), AttributeRepository.ofKeyValuePair(PIN, pin)));
            session = connect.verify(timeout).getSession();
        } catch (IOException | RuntimeException e) {
            throw new SshFailure("SSH_CONNECT_FAILED", "cannot connect to the server", e);
        }
        try {
            try {
                for (KeyPair key : loadKeys(ticket.privateKeyPem())) {
                    session.addPublicKeyIdentity(key);
                }
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                throw new SshFailure("SSH_AUTH_FAILED", "cannot log in to the server", e);
            }
            try {
                session.auth().verify(timeout);
            } catch (IOException | RuntimeException e) {
                if (pin.rejected) {
                    throw new SshFailure(
                            "HOST_KEY_MISMATCH", "the server's host key does not match the pinned fingerprint", e);
                }
                if (session.getServerKey() == null) {
                    // the key exchange never finished: the same as not reaching the server
                    throw new SshFailure("SSH_CONNECT_FAILED", "cannot connect to the server", e);
                }
                throw new SshFailure("SSH_AUTH_FAILED", "the server refused the key", e);
            }
            try {
                PtyChannelConfiguration pty = new PtyChannelConfiguration();
                pty.setPtyType(TERM);
                pty.setPtyColumns(ticket.cols());
                pty.setPtyLines(ticket.rows());
                pty.setPtyWidth(0);
                pty.setPtyHeight(0);
                // no modes of our own: the server's defaults for a new terminal, as OpenSSH's client without a local
                // tty
                pty.setPtyModes(Map.of());
                ChannelShell shell = session.createShellChannel(pty, Map.of());
                shell.setStreaming(StreamingChannel.Streaming.Async);
                // a PTY merges stderr into stdout anyway; this makes sure nothing ever waits unread on a second stream
                shell.setRedirectErrorStream(true);
                shell.open().verify(timeout);
                return new SshShell(session, shell);
            } catch (IOException | RuntimeException e) {
                throw new SshFailure("SSH_SHELL_FAILED", "cannot start a shell on the server", e);
            }
        } catch (SshFailure e) {
            session.close(true);
            throw e;
        }
    }

    static Iterable<KeyPair> loadKeys(String pem) throws IOException, GeneralSecurityException {
        try (InputStream in = new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8))) {
            Iterable<KeyPair> keys = SecurityUtils.loadKeyPairIdentities(
                    null, NamedResource.ofName("ticket key"), in, FilePasswordProvider.EMPTY);
            if (keys == null || !keys.iterator().hasNext()) {
                throw new GeneralSecurityException("no key in the ticket's PEM text");
            }
            return keys;
        }
    }

    /** Stops the shared client: every connection still open is closed. */
    @Override
    public void close() {
        client.stop();
    }

    /** The ticket's pinned fingerprint ({@code SHA256:…}, or {@code MD5:…}), and whether the server's key failed it. */
    static final class PinnedHostKey {
        private final String fingerprint;
        volatile boolean rejected;

        PinnedHostKey(String fingerprint) {
            this.fingerprint = fingerprint;
        }

        boolean matches(PublicKey key) {
            boolean ok;
            try {
                ok = fingerprint != null
                        && !fingerprint.isBlank()
                        && KeyUtils.checkFingerPrint(fingerprint, key).getKey();
            } catch (RuntimeException e) {
                ok = false;
            }
            rejected = !ok;
            return ok;
        }
    }
}
