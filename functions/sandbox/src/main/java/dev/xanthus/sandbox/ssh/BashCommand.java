package dev.xanthus.sandbox.ssh;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import com.pty4j.WinSize;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.Signal;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * A real {@code bash} behind one SSH channel: an interactive shell, or {@code bash -c} for an exec request, on a PTY
 * (pty4j) when the client asked for one. Input is not filtered: whatever the client sends, bash runs.
 */
final class BashCommand implements Command {

    /** How long to wait for the last output after bash exits; a background child may hold the stream open. */
    private static final long DRAIN_MILLIS = 2_000;

    private final ServerFolder folder;
    private final String command;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private volatile Process process;

    /** {@code command} null means an interactive shell. */
    BashCommand(ServerFolder folder, String command) {
        this.folder = folder;
        this.command = command;
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback exit) {
        this.exit = exit;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
        List<String> bash = command == null
                ? List.of("bash", "--noprofile", "--norc", "-i")
                : List.of("bash", "-c", folder.bare() ? folder.mapPaths(command) : command);
        Map<String, String> vars = folder.environment();
        Map<String, String> requested = env.getEnv();
        // sshd records a pty-req as TERM, COLUMNS and LINES: with them the client gets a terminal, without them pipes.
        boolean pty = requested.containsKey(Environment.ENV_TERM)
                && requested.containsKey(Environment.ENV_COLUMNS)
                && requested.containsKey(Environment.ENV_LINES);
        Thread stdout;
        Thread stderr = null;
        if (pty) {
            vars.put("TERM", requested.get(Environment.ENV_TERM));
            PtyProcess p = new PtyProcessBuilder(bash.toArray(String[]::new))
                    .setEnvironment(vars)
                    .setDirectory(folder.home().toString())
                    .setInitialColumns(Integer.parseInt(requested.get(Environment.ENV_COLUMNS)))
                    .setInitialRows(Integer.parseInt(requested.get(Environment.ENV_LINES)))
                    .setRedirectErrorStream(true)
                    .start();
            env.addSignalListener(
                    (ch, signal) -> p.setWinSize(new WinSize(
                            Integer.parseInt(env.getEnv().get(Environment.ENV_COLUMNS)),
                            Integer.parseInt(env.getEnv().get(Environment.ENV_LINES)))),
                    Signal.WINCH);
            process = p;
            stdout = pump("stdout", p.getInputStream(), out, false);
        } else {
            ProcessBuilder builder =
                    new ProcessBuilder(bash).directory(folder.home().toFile());
            builder.environment().clear();
            builder.environment().putAll(vars);
            process = builder.start();
            stdout = pump("stdout", process.getInputStream(), out, false);
            stderr = pump("stderr", process.getErrorStream(), err, false);
        }
        pump("stdin", in, process.getOutputStream(), !pty);
        Thread finalStderr = stderr;
        daemon("exit", () -> {
            try {
                int status = process.waitFor();
                stdout.join(DRAIN_MILLIS);
                if (finalStderr != null) {
                    finalStderr.join(DRAIN_MILLIS);
                }
                exit.onExit(status);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Override
    public void destroy(ChannelSession channel) {
        Process p = process;
        if (p != null) {
            // via the pid: pty4j's process has no ProcessHandle of its own
            ProcessHandle.of(p.pid()).ifPresent(h -> h.descendants().forEach(ProcessHandle::destroyForcibly));
            p.destroyForcibly();
        }
    }

    /** Copies {@code from} to {@code to} chunk by chunk; closes {@code to} at the end when {@code closeAtEnd}. */
    private static Thread pump(String name, InputStream from, OutputStream to, boolean closeAtEnd) {
        return daemon(name, () -> {
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = from.read(buffer)) >= 0; ) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
                if (closeAtEnd) {
                    to.close();
                }
            } catch (IOException closed) {
                // the channel or the process went away: nothing left to copy
            }
        });
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, "sandbox-bash-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
