package dev.xanthus.relay;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live SSH shell and the socket attached to it, if any. Output is pumped by a dedicated thread that blocks on the
 * shell's stream and waits while the socket is not writable (or, while detached, while the resume buffer is full), so
 * a slow browser slows the remote program down instead of filling memory. Input is written by a per-session serial
 * task off the event loop, with the socket's AUTO_READ off until the SSH write completes.
 */
final class RelaySession {

  private static final Logger log = LoggerFactory.getLogger(RelaySession.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  /** Read size and the largest output frame: one SSH packet's worth. */
  static final int CHUNK = 32 * 1024;

  /** Whether a reattach worked. */
  enum AttachResult { ATTACHED, BAD_TOKEN, GAP }

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

  private final Object inputLock = new Object();
  private final ArrayDeque<Object> inputQueue = new ArrayDeque<>();
  private boolean draining;
  private Channel pausedChannel;

  private final AtomicLong bytesIn = new AtomicLong();
  private final AtomicLong bytesOut = new AtomicLong();
  private volatile long lastActivityMillis = System.currentTimeMillis();
  long flushedIn = -1;
  long flushedOut = -1;
  long lastFlushMillis;

  private record Resize(int cols, int rows) {}

  RelaySession(String id, String accountId, String serverId, Instant startedAt, SshShell ssh, AsciicastWriter recording,
      RelayContext ctx) {
    this.id = id;
    this.accountId = accountId;
    this.serverId = serverId;
    this.startedAt = startedAt;
    this.ssh = ssh;
    this.recording = recording;
    this.ctx = ctx;
    this.ring = new OutputRing(ctx.config().resumeBufferBytes());
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
    return bytesIn.get();
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

  void start() {
    Thread pump = new Thread(null, this::pump, "relay-pump-" + id.substring(0, Math.min(8, id.length())), 256 * 1024);
    pump.setDaemon(true);
    pump.start();
  }

  /** Attaches a fresh socket (after auth): everything output so far is sent after {@code ready}. */
  void attachFirst(Channel ch, boolean binaryOutput) {
    synchronized (lock) {
      attach(ch, 0, binaryOutput);
    }
  }

  /** Reattaches after a drop: checks the token, then replays what came after {@code lastSeq}, exactly once. */
  AttachResult resume(Channel ch, String token, long lastSeq, boolean binaryOutput) {
    Channel replaced;
    synchronized (lock) {
      if (token == null || resumeToken == null || !MessageDigest.isEqual(token.getBytes(), resumeToken.getBytes())) {
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
    return AttachResult.ATTACHED;
  }

  // Under lock: the pump writes under the same lock, so the replay and live output cannot interleave.
  private void attach(Channel ch, long fromSeq, boolean binaryOutput) {
    attached = ch;
    binary = binaryOutput;
    if (graceTimer != null) {
      graceTimer.cancel(false);
      graceTimer = null;
    }
    // a new token per attach: a token that was used (or leaked with an old socket) cannot resume again
    resumeToken = newToken();
    ch.write(Protocol.ready(id, resumeToken, fromSeq));
    byte[] missed = ring.copyFrom(fromSeq);
    long seq = fromSeq;
    int off = 0;
    while (off < missed.length) {
      int len = Math.min(CHUNK, missed.length - off);
      if (off + len < missed.length) {
        len = Math.max(1, Utf8.boundary(missed, off, len));
      }
      seq += len;
      ch.write(Protocol.output(missed, off, len, seq, binary));
      off += len;
    }
    if (outcome != null) {
      // ended while detached: the client gets the rest of the output and how it ended, then the session is gone
      sendFinal(ch, outcome);
      ctx.registry().remove(this);
    } else {
      ch.flush();
    }
    lock.notifyAll();
  }

  /** The socket went away; keep the shell for the grace period so the client can resume. */
  void detach(Channel ch) {
    synchronized (lock) {
      if (attached != ch) {
        return;
      }
      attached = null;
      startGrace();
      lock.notifyAll();
    }
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
    graceTimer = ctx.scheduler().schedule(this::graceExpired, ctx.config().resumeGrace().toMillis(), TimeUnit.MILLISECONDS);
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

  void writabilityChanged() {
    synchronized (lock) {
      lock.notifyAll();
    }
  }

  /** Bytes typed by the user; called on the socket's event loop. */
  void input(Channel from, byte[] data) {
    enqueue(from, data);
  }

  void resize(Channel from, int cols, int rows) {
    enqueue(from, new Resize(cols, rows));
  }

  private void enqueue(Channel from, Object op) {
    synchronized (inputLock) {
      inputQueue.add(op);
      // stop reading the socket until SSH has taken the bytes: the browser's TCP window then holds the rest
      from.config().setAutoRead(false);
      pausedChannel = from;
      if (!draining) {
        draining = true;
        ctx.blocking().execute(this::drainInput);
      }
    }
  }

  private void drainInput() {
    OutputStream in = ssh.input();
    while (true) {
      Object op;
      synchronized (inputLock) {
        op = inputQueue.poll();
        if (op == null) {
          draining = false;
          if (pausedChannel != null) {
            pausedChannel.config().setAutoRead(true);
            pausedChannel = null;
          }
          return;
        }
      }
      try {
        if (op instanceof byte[] data) {
          in.write(data);
          in.flush();
          bytesIn.addAndGet(data.length);
        } else if (op instanceof Resize r) {
          ssh.resize(r.cols(), r.rows());
          if (recording != null) {
            recording.resize(r.cols(), r.rows());
          }
        }
        lastActivityMillis = System.currentTimeMillis();
      } catch (IOException | RuntimeException e) {
        // the shell is gone; the pump notices the same and ends the session with the reason
        synchronized (inputLock) {
          inputQueue.clear();
        }
      }
    }
  }

  private void pump() {
    InputStream out = ssh.output();
    byte[] buf = new byte[CHUNK];
    int carry = 0;
    boolean lost = false;
    try {
      while (true) {
        int n = out.read(buf, carry, buf.length - carry);
        if (n < 0) {
          break;
        }
        int total = carry + n;
        int cut = Utf8.boundary(buf, 0, total);
        if (cut == 0) {
          carry = total;
          continue;
        }
        if (!emit(buf, cut)) {
          return;
        }
        carry = total - cut;
        System.arraycopy(buf, cut, buf, 0, carry);
      }
      if (carry > 0 && !emit(buf, carry)) {
        return;
      }
    } catch (IOException e) {
      lost = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (ended()) {
      return;
    }
    Integer status = lost ? null : ssh.exitStatus();
    if (status == null && (lost || !ssh.connected())) {
      end(new Outcome.Failure("SSH_DISCONNECTED", "the connection to the server was lost", Protocol.CLOSE_SSH_FAILED));
    } else {
      end(new Outcome.Exit(status));
    }
  }

  /** Hands one chunk to the socket (or the resume buffer); false once the session has ended. */
  private boolean emit(byte[] buf, int len) throws InterruptedException {
    synchronized (lock) {
      while (true) {
        if (outcome != null) {
          return false;
        }
        if (attached != null ? attached.isWritable() : bytesSinceDetach + len <= ring.capacity()) {
          break;
        }
        // bounded wait: writability changes notify, but a missed one must not stall the session for good
        lock.wait(200);
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

  /** Ends the session once: tells the attached socket why, closes SSH and records the end. Any thread. */
  void end(Outcome how) {
    Channel ch;
    synchronized (lock) {
      if (outcome != null) {
        return;
      }
      outcome = how;
      ch = attached;
      lock.notifyAll();
      if (ch != null || graceTimer == null) {
        // nobody can resume any more (attached now, or never attached): forget it at once
        ctx.registry().remove(this);
      }
    }
    if (ch != null) {
      ch.eventLoop().execute(() -> sendFinal(ch, how));
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
        ctx.sessions().end(accountId, id, lastActivity(), bytesIn.get(), bytesOut.get(), recorded);
      } catch (RuntimeException e) {
        log.warn("cannot record the end of terminal session {}: {}", id, e.toString());
      }
    });
  }

  private static void sendFinal(Channel ch, Outcome how) {
    if (how instanceof Outcome.Exit exit) {
      ch.write(Protocol.exit(exit.status()));
      ch.writeAndFlush(new CloseWebSocketFrame(Protocol.CLOSE_NORMAL, "exited")).addListener(ChannelFutureListener.CLOSE);
    } else if (how instanceof Outcome.Failure f) {
      ch.write(Protocol.error(f.code(), f.message()));
      ch.writeAndFlush(new CloseWebSocketFrame(f.closeCode(), f.code())).addListener(ChannelFutureListener.CLOSE);
    }
  }

  private static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
