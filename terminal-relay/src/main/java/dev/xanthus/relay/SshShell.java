package dev.xanthus.relay;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;

/** An open interactive shell on a PTY: its streams, resize and ordered cleanup (session first, then the connection). */
final class SshShell implements AutoCloseable {

  private final SSHClient ssh;
  private final Session session;
  private final Session.Shell shell;

  SshShell(SSHClient ssh, Session session, Session.Shell shell) {
    this.ssh = ssh;
    this.session = session;
    this.shell = shell;
  }

  InputStream output() {
    return shell.getInputStream();
  }

  OutputStream input() {
    return shell.getOutputStream();
  }

  void resize(int cols, int rows) throws IOException {
    shell.changeWindowDimensions(cols, rows, 0, 0);
  }

  boolean connected() {
    return ssh.isConnected();
  }

  /** The remote exit status once the shell has ended, waiting a little for it to arrive; null if there is none. */
  Integer exitStatus() {
    try {
      shell.join(1, TimeUnit.SECONDS);
    } catch (IOException notCleanlyClosed) {
      // the connection went away: there is no status to wait for
    }
    // sshj's session channel is both Shell and Command; only Command exposes the status
    return shell instanceof Session.Command command ? command.getExitStatus() : null;
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (IOException ignored) {
      // the connection may already be gone; disconnecting below still frees everything
    } finally {
      try {
        ssh.disconnect();
      } catch (IOException ignored) {
        // nothing left to free
      }
    }
  }
}
