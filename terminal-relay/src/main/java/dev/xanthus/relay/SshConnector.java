package dev.xanthus.relay;

import dev.xanthus.core.terminal.TerminalTicket;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.transport.verification.FingerprintVerifier;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.common.SecurityUtils;
import net.schmizz.sshj.transport.cipher.Cipher;

/** Opens a PTY shell with sshj: pinned host key, public-key auth with the ticket's key. Blocking: never on an event loop. */
final class SshConnector {

  static final String TERM = "xterm-256color";

  static {
    // The JDK's own providers have AES-GCM, X25519 and Ed25519 with CPU intrinsics; sshj's default (BouncyCastle,
    // pure Java) costs several times the CPU per byte, which on a small relay host is CPU the shells need.
    SecurityUtils.setRegisterBouncyCastle(false);
    SecurityUtils.setSecurityProvider(null);
  }

  // Building the algorithm lists is not free; one config serves every connection (it only hands out factories).
  private static final NoDelaySocketFactory NO_DELAY = new NoDelaySocketFactory();

  private final DefaultConfig config = new DefaultConfig();
  private final Duration timeout;

  SshConnector(Duration timeout) {
    this.timeout = timeout;
    List<Factory.Named<Cipher>> ciphers = new ArrayList<>(config.getCipherFactories());
    ciphers.sort(Comparator.comparingInt(c -> c.getName().contains("gcm") ? 0 : 1));
    config.setCipherFactories(ciphers);
  }

  SshShell open(TerminalTicket ticket) throws SshFailure {
    SSHClient ssh = new SSHClient(config);
    ssh.setSocketFactory(NO_DELAY);
    ssh.addHostKeyVerifier(FingerprintVerifier.getInstance(ticket.hostKeyFingerprint()));
    ssh.setConnectTimeout((int) timeout.toMillis());
    ssh.getTransport().setTimeoutMs((int) timeout.toMillis());
    try {
      try {
        ssh.connect(ticket.host(), ticket.port());
      } catch (TransportException e) {
        if (hostKeyRejected(e)) {
          throw new SshFailure("HOST_KEY_MISMATCH", "the server's host key does not match the pinned fingerprint", e);
        }
        throw new SshFailure("SSH_CONNECT_FAILED", "cannot connect to the server", e);
      } catch (IOException e) {
        throw new SshFailure("SSH_CONNECT_FAILED", "cannot connect to the server", e);
      }
      try {
        KeyProvider key = ssh.loadKeys(ticket.privateKeyPem(), null, null);
        ssh.authPublickey(ticket.user(), key);
      } catch (UserAuthException e) {
        throw new SshFailure("SSH_AUTH_FAILED", "the server refused the key", e);
      } catch (IOException e) {
        throw new SshFailure("SSH_AUTH_FAILED", "cannot log in to the server", e);
      }
      try {
        Session session = ssh.startSession();
        session.allocatePTY(TERM, ticket.cols(), ticket.rows(), 0, 0, Map.of());
        return new SshShell(ssh, session, session.startShell());
      } catch (IOException e) {
        throw new SshFailure("SSH_SHELL_FAILED", "cannot start a shell on the server", e);
      }
    } catch (SshFailure | RuntimeException e) {
      try {
        ssh.disconnect();
      } catch (IOException ignored) {
        // already failing; nothing more to free
      }
      throw e;
    }
  }

  private static boolean hostKeyRejected(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TransportException te && te.getDisconnectReason() == DisconnectReason.HOST_KEY_NOT_VERIFIABLE) {
        return true;
      }
    }
    return false;
  }
}
