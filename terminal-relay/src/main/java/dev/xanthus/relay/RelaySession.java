package dev.xanthus.relay;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import java.io.EOFException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live SSH shell and the socket attached to it, if any. No thread of its own: {@link ShellOutput} reads the
 * shell's output one chunk at a time and the session lets it issue the next read only while the socket is writable
 * (or, while detached, while the resume buffer has room), so a slow browser slows the remote program down (the SSH
 * window closes) instead of filling memory. Input goes to the shell through {@link ShellInput}.
 */
final class RelaySession {

    private static final Logger log = LoggerFactory.getLogger(RelaySession.class);

    /** Whether a reattach worked. */
    enum AttachResult {
        ATTACHED,
        BAD_TOKEN,
        GAP
    }

    private final String id;
    private final String accountId;
    private final String serverId;
    private final Instant startedAt;
    private final SshShell ssh;
    private final AsciicastWriter recording;
    private final RelayContext ctx;

    private final Object lock = new Object();
    private final OutputRing ring;
    private Channel attached;
    private boolean binary;
    private long bytesSinceDetach;
    private String resumeToken;
    private Outcome outcome;
    private ScheduledFuture<?> graceTimer;
    /** No read is outstanding because the socket (or the detached buffer) is full; cleared by {@link #resumeOutput}. */
    private boolean outputPaused;

    private final ShellInput input;
    private final ShellOutput output;

    private final AtomicLong bytesOut = new AtomicLong();
    private volatile long lastActivityMillis = System.currentTimeMillis();
    long flushedIn = -1;
    long flushedOut = -1;
    long lastFlushMillis;

    RelaySession(
            String id,
            String accountId,
            String serverId,
            Instant startedAt,
            SshShell ssh,
            AsciicastWriter recording,
            RelayContext ctx) {
        this.id = id;
        this.accountId = accountId;
        this.serverId = serverId;
        this.startedAt = startedAt;
        this.ssh = ssh;
        this.recording = recording;
        this.ctx = ctx;
        this.ring = new OutputRing(ctx.config().resumeBufferBytes());
        this.input = new ShellInput(ssh, recording, () -> lastActivityMillis = System.currentTimeMillis());
        this.output = new ShellOutput(ssh, new ShellOutput.Sink() {
            @Override
            public boolean mayRead() {
                return mayReadOutput();
            }

            @Override
            public boolean chunk(byte[] buf, int len) {
                return emit(buf, len);
            }

            @Override
            public void ended(Throwable failure) {
                outputEnded(failure);
            }
        });
    }

    String id() {
        return id;
    }

    String accountId() {
        return accountId;
    }

    String serverId() {
        return serverId;
    }

    long bytesIn() {
        return input.bytes();
    }

    long bytesOut() {
        return bytesOut.get();
    }

    Instant lastActivity() {
        return Instant.ofEpochMilli(lastActivityMillis);
    }

    boolean ended() {
        synchronized (lock) {
            return outcome != null;
        }
    }

    /** Bytes the resume buffer holds in memory right now (it grows with output, up to its capacity). */
    int bufferedBytesAllocated() {
        synchronized (lock) {
            return ring.allocated();
        }
    }

    /** Starts reading the shell's output. */
    void start() {
        output.read();
    }

    /** Attaches a fresh socket (after auth): everything output so far is sent after {@code ready}. */
    void attachFirst(Channel ch, boolean binaryOutput) {
        synchronized (lock) {
            attach(ch, 0, binaryOutput);
        }
        resumeOutput();
    }

    /** Reattaches after a drop: checks the token, then replays what came after {@code lastSeq}, exactly once. */
    AttachResult resume(Channel ch, String token, long lastSeq, boolean binaryOutput) {
        Channel replaced;
        synchronized (lock) {
            if (token == null
                    || resumeToken == null
                    || !MessageDigest.isEqual(token.getBytes(), resumeToken.getBytes())) {
                return AttachResult.BAD_TOKEN;
            }
            if (lastSeq < ring.start() || lastSeq > ring.end()) {
                return AttachResult.GAP;
            }
            replaced = attached;
            attach(ch, lastSeq, binaryOutput);
        }
        if (replaced != null && replaced != ch) {
            replaced.writeAndFlush(new CloseWebSocketFrame(Protocol.CLOSE_REPLACED, "resumed elsewhere"))
                    .addListener(ChannelFutureListener.CLOSE);
        }
        resumeOutput();
        return AttachResult.ATTACHED;
    }

    // Under lock: output is emitted under the same lock, so the replay and live output cannot interleave.
    private void attach(Channel ch, long fromSeq, boolean binaryOutput) {
        attached = ch;
        binary = binaryOutput;
        if (graceTimer != null) {
            graceTimer.cancel(false);
            graceTimer = null;
        }
        // a new token per attach: a token that was used (or leaked with an old socket) cannot resume again
        resumeToken = Protocol.newResumeToken();
        ch.write(Protocol.ready(id, resumeToken, fromSeq));
        Protocol.writeOutput(ch, ring.copyFrom(fromSeq), fromSeq, ShellOutput.CHUNK, binary);
        if (outcome != null) {
            // ended while detached: the client gets the rest of the output and how it ended, then the session is gone
            Protocol.sendFinal(ch, outcome);
            ctx.registry().remove(this);
        } else {
            ch.flush();
        }
    }

    /** The socket went away; keep the shell for the grace period so the client can resume. */
    void detach(Channel ch) {
        synchronized (lock) {
            if (attached != ch) {
                return;
            }
            attached = null;
            startGrace();
        }
        // output may have stopped for this socket's sake; while detached it goes to the resume buffer
        resumeOutput();
    }

    /** The authenticating socket closed while SSH was being opened: start detached. */
    void startDetached() {
        synchronized (lock) {
            if (attached == null && graceTimer == null) {
                startGrace();
            }
        }
    }

    private void startGrace() {
        bytesSinceDetach = 0;
        graceTimer = ctx.scheduler()
                .schedule(this::graceExpired, ctx.config().resumeGrace().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void graceExpired() {
        synchronized (lock) {
            if (attached != null) {
                return;
            }
            graceTimer = null;
            resumeToken = null;
        }
        end(new Outcome.Failure("RESUME_EXPIRED", "the resume grace period ended", Protocol.CLOSE_RESUME_REFUSED));
        ctx.registry().remove(this);
    }

    /** The attached socket's writability changed; called on its event loop. */
    void writabilityChanged(Channel ch) {
        if (ch.isWritable()) {
            // Queued behind whatever output tasks other threads already submitted to this loop, so output read (and
            // written) directly on this thread cannot overtake them.
            ch.eventLoop().execute(this::resumeOutput);
        }
    }

    // ---- output: shell -> socket ---------------------------------------------------------------------------------

    /** Where output may go now: an attached socket below its high water mark, or room in the resume buffer. */
    private boolean roomForOutput() {
        // while detached, never read more than the buffer can hold without evicting output the client has not seen
        return attached != null ? attached.isWritable() : bytesSinceDetach + ShellOutput.CHUNK <= ring.capacity();
    }

    /** Whether {@link ShellOutput} may issue the next read; if not for want of room, output is paused. */
    private boolean mayReadOutput() {
        synchronized (lock) {
            if (outcome != null) {
                return false;
            }
            if (!roomForOutput()) {
                outputPaused = true;
                return false;
            }
            return true;
        }
    }

    /** Restarts reading after a pause, once there is room again. Any thread. */
    void resumeOutput() {
        synchronized (lock) {
            if (!outputPaused || outcome != null || !roomForOutput()) {
                return;
            }
            outputPaused = false;
        }
        output.read();
    }

    /** Hands one chunk to the socket (or only the resume buffer while detached); false once the session has ended. */
    private boolean emit(byte[] buf, int len) {
        synchronized (lock) {
            if (outcome != null) {
                return false;
            }
            ring.append(buf, 0, len);
            long seq = ring.end();
            if (attached != null) {
                attached.writeAndFlush(Protocol.output(buf, 0, len, seq, binary));
            } else {
                bytesSinceDetach += len;
            }
        }
        bytesOut.addAndGet(len);
        lastActivityMillis = System.currentTimeMillis();
        if (recording != null) {
            recording.output(buf, 0, len);
        }
        return true;
    }

    /** The output stream ended (EOF) or failed: decide between exit and a lost connection once the channel closed. */
    private void outputEnded(Throwable failure) {
        if (ended()) {
            return;
        }
        boolean lost = failure != null && !(failure instanceof EOFException);
        AtomicBoolean once = new AtomicBoolean();
        Runnable finish = () -> {
            if (!once.compareAndSet(false, true)) {
                return;
            }
            Integer status = ssh.exitStatus();
            if (status == null && (lost || !ssh.connected())) {
                end(new Outcome.Failure(
                        "SSH_DISCONNECTED", "the connection to the server was lost", Protocol.CLOSE_SSH_FAILED));
            } else {
                end(new Outcome.Exit(status));
            }
        };
        // the exit status comes with (or just before) the channel's close; don't wait for it forever
        ssh.whenClosed(finish);
        ctx.scheduler().schedule(finish, 1, TimeUnit.SECONDS);
    }

    // ---- input: socket -> shell ----------------------------------------------------------------------------------

    /** Bytes typed by the user; called on the socket's event loop. */
    void input(Channel from, byte[] data) {
        input.write(from, data);
    }

    void resize(Channel from, int cols, int rows) {
        input.resize(from, cols, rows);
    }

    /** Ends the session once: tells the attached socket why, closes SSH and records the end. Any thread. */
    void end(Outcome how) {
        Channel ch;
        synchronized (lock) {
            if (outcome != null) {
                return;
            }
            outcome = how;
            ch = attached;
            if (ch != null || graceTimer == null) {
                // nobody can resume any more (attached now, or never attached): forget it at once
                ctx.registry().remove(this);
            }
        }
        if (ch != null) {
            ch.eventLoop().execute(() -> Protocol.sendFinal(ch, how));
        }
        log.info("terminal session {} ended: {}", id, how);
        ctx.blocking().execute(() -> {
            ssh.close();
            boolean recorded = false;
            if (recording != null) {
                recording.close();
                recorded = !recording.failed();
            }
            try {
                ctx.sessions().end(accountId, id, lastActivity(), input.bytes(), bytesOut.get(), recorded);
            } catch (RuntimeException e) {
                log.warn("cannot record the end of terminal session {}: {}", id, e.toString());
            }
        });
    }
}
