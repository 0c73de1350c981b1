package dev.xanthus.relay;

import dev.xanthus.core.terminal.TerminalTicket;
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
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.channel.PtyChannelConfiguration;
import org.apache.sshd.common.channel.StreamingChannel;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * Opens PTY shells with one shared Apache MINA sshd client: pinned host key, public-key auth with the ticket's key.
 * All connections share the client's NIO2 transport (a couple of threads for every session, no thread per
 * connection). {@link #open} blocks (connect, key exchange, auth, channel open): never call it on an event loop.
 */
final class SshConnector implements AutoCloseable {

  static final String TERM = "xterm-256color";

  /** I/O threads for every SSH connection of the relay: decrypt and hand output to Netty, nothing blocking. */
  static final int IO_THREADS = 2;
  /**
   * Per-connection socket read buffer, held by every connection for its lifetime (MINA's default is 32 KiB). A
   * terminal's output arrives in PTY-sized pieces (a few KiB); bigger reads only save syscalls during bulk output.
   */
  static final int READ_BUFFER_BYTES = 8 * 1024;
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

  SshConnector(Duration timeout) {
    this.timeout = timeout;
    client = SshClient.setUpDefaultClient();
    client.setIoServiceFactoryFactory(FixedPoolNio2Factory.withThreads(IO_THREADS));
    // nothing from the relay host's ~/.ssh: no config file, no default identities, no known_hosts, no agent
    client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
    client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
    client.setFilePasswordProvider(FilePasswordProvider.EMPTY);
    client.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
    client.setServerKeyVerifier((session, address, key) -> {
      PinnedHostKey pin = session.getConnectionContext() == null ? null : session.getConnectionContext().getAttribute(PIN);
      return pin != null && pin.matches(key);
    });
    // AES-GCM first: the JDK's AES has CPU intrinsics, MINA's chacha20-poly1305 is plain Java
    List<NamedFactory<Cipher>> ciphers = new ArrayList<>(client.getCipherFactories());
    ciphers.sort(Comparator.comparingInt(c -> c.getName().contains("gcm") ? 0 : 1));
    client.setCipherFactories(ciphers);
    // MINA still builds (and never uses) its own wrapped pool next to ours: keep that one minimal
    CoreModuleProperties.NIO_WORKERS.set(client, 1);
    CoreModuleProperties.NIO2_READ_BUFFER_SIZE.set(client, READ_BUFFER_BYTES);
    CoreModuleProperties.WINDOW_SIZE.set(client, (long) WINDOW_BYTES);
    CoreModuleProperties.TCP_NODELAY.set(client, true);
    CoreModuleProperties.IO_CONNECT_TIMEOUT.set(client, timeout);
    CoreModuleProperties.AUTH_TIMEOUT.set(client, timeout);
    // the relay has its own idle timeout (RELAY_IDLE_TIMEOUT); MINA's 10-minute default would cut quiet shells
    CoreModuleProperties.IDLE_TIMEOUT.set(client, Duration.ZERO);
    CoreModuleProperties.NIO2_READ_TIMEOUT.set(client, Duration.ZERO);
    CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, HEARTBEAT);
    CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(client, HEARTBEAT_MAX_MISSED);
    client.start();
  }

  SshShell open(TerminalTicket ticket) throws SshFailure {
    PinnedHostKey pin = new PinnedHostKey(ticket.hostKeyFingerprint());
    ClientSession session;
    try {
      ConnectFuture connect = client.connect(ticket.user(), ticket.host(), ticket.port(), AttributeRepository.ofKeyValuePair(PIN, pin));
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
          throw new SshFailure("HOST_KEY_MISMATCH", "the server's host key does not match the pinned fingerprint", e);
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
        // no modes of our own: the server's defaults for a new terminal, as OpenSSH's client without a local tty
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
      Iterable<KeyPair> keys = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("ticket key"), in,
          FilePasswordProvider.EMPTY);
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
        ok = fingerprint != null && !fingerprint.isBlank() && KeyUtils.checkFingerPrint(fingerprint, key).getKey();
      } catch (RuntimeException e) {
        ok = false;
      }
      rejected = !ok;
      return ok;
    }
  }
}
