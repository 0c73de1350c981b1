package dev.xanthus.relay;

import java.io.IOException;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.io.IoInputStream;
import org.apache.sshd.common.io.IoOutputStream;

/**
 * An open interactive shell on a PTY (MINA async channel): its non-blocking streams, resize, how it ended, and the
 * cleanup (disconnect the connection, which closes the channel with it).
 */
class SshShell implements AutoCloseable {

    private final ClientSession session;
    private final ChannelShell shell;

    SshShell(ClientSession session, ChannelShell shell) {
        this.session = session;
        this.shell = shell;
    }

    /** The shell's output; one read at a time, completed on an SSH I/O thread (or at once when data is waiting). */
    IoInputStream output() {
        return shell.getAsyncOut();
    }

    /** The shell's input; one write at a time, completed once the bytes are on the socket. */
    IoOutputStream input() {
        return shell.getAsyncIn();
    }

    /** Sends a window-change request; does not wait for anything. */
    void resize(int cols, int rows) throws IOException {
        shell.sendWindowChange(cols, rows);
    }

    /** Whether the SSH connection itself is still up (false once the server or the network went away). */
    boolean connected() {
        return session.isOpen();
    }

    /** The remote exit status, once the shell sent it; null for none (a signal, or the connection was lost). */
    Integer exitStatus() {
        return shell.getExitStatus();
    }

    /** Runs {@code then} once the channel is closed (at once if it already is); any thread. */
    void whenClosed(Runnable then) {
        shell.addCloseFutureListener(f -> then.run());
    }

    @Override
    public void close() {
        try {
            // SSH_MSG_DISCONNECT, then the socket: the server hangs up the shell at once, as after sshj's disconnect()
            session.disconnect(SshConstants.SSH2_DISCONNECT_BY_APPLICATION, "terminal closed");
        } catch (IOException | RuntimeException e) {
            session.close(true);
        }
    }
}
