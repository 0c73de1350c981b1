package dev.xanthus.relay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xanthus.core.terminal.TerminalSession;
import dev.xanthus.core.terminal.TerminalTicket;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One terminal socket: waits for {@code auth} (or {@code resume}) within the auth timeout, opens or reattaches the
 * session off the event loop, then relays input, resize and ping. All state here is confined to the event loop.
 */
final class TerminalFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    private static final Logger log = LoggerFactory.getLogger(TerminalFrameHandler.class);

    /** Fired on every socket when the relay shuts down. */
    static final Object SHUTDOWN = new Object();

    private enum Phase {
        AWAITING_AUTH,
        CONNECTING,
        ATTACHED,
        CLOSING
    }

    private final RelayContext ctx;
    private Phase phase = Phase.AWAITING_AUTH;
    private RelaySession session;
    private ScheduledFuture<?> authTimer;
    private ScheduledFuture<?> heartbeat;

    TerminalFrameHandler(RelayContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext c, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            c.pipeline().remove(HttpGateHandler.class);
            c.channel().attr(PreAuthGuard.UPGRADED).set(true);
            long auth = ctx.config().authTimeout().toMillis();
            authTimer = c.executor()
                    .schedule(
                            () -> {
                                if (phase == Phase.AWAITING_AUTH) {
                                    close(
                                            c.channel(),
                                            "UNAUTHENTICATED",
                                            "no auth message in time",
                                            Protocol.CLOSE_UNAUTHENTICATED);
                                }
                            },
                            auth,
                            TimeUnit.MILLISECONDS);
            long hb = ctx.config().heartbeat().toMillis();
            heartbeat = c.executor()
                    .scheduleAtFixedRate(
                            () -> c.writeAndFlush(new PingWebSocketFrame()), hb, hb, TimeUnit.MILLISECONDS);
        } else if (evt == PreAuthGuard.EXPIRED) {
            if (phase == Phase.AWAITING_AUTH || phase == Phase.CONNECTING) {
                close(c.channel(), "UNAUTHENTICATED", "not authenticated in time", Protocol.CLOSE_UNAUTHENTICATED);
            }
        } else if (evt instanceof IdleStateEvent) {
            close(c.channel(), "HEARTBEAT_LOST", "no answer to heartbeats", Protocol.CLOSE_IDLE);
        } else if (evt == SHUTDOWN) {
            if (phase != Phase.ATTACHED) {
                close(c.channel(), "RELAY_RESTARTING", "the relay is restarting; reconnect", Protocol.CLOSE_RESTARTING);
            }
        } else {
            super.userEventTriggered(c, evt);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext c, WebSocketFrame frame) {
        Channel ch = c.channel();
        if (frame instanceof BinaryWebSocketFrame) {
            if (phase == Phase.ATTACHED) {
                session.input(ch, ByteBufUtil.getBytes(frame.content()));
            } else if (phase == Phase.AWAITING_AUTH) {
                close(ch, "BAD_MESSAGE", "the first message must be auth or resume", Protocol.CLOSE_BAD_MESSAGE);
            }
            return;
        }
        if (!(frame instanceof TextWebSocketFrame text)) {
            return;
        }
        JsonNode msg;
        try {
            msg = Protocol.JSON.readTree(text.text());
        } catch (IOException e) {
            if (phase == Phase.AWAITING_AUTH) {
                close(ch, "BAD_MESSAGE", "messages are JSON objects", Protocol.CLOSE_BAD_MESSAGE);
            } else if (phase != Phase.CLOSING) {
                // after auth a bad message is answered and the session goes on, as the README promises
                ch.writeAndFlush(Protocol.error("BAD_MESSAGE", "messages are JSON objects"));
            }
            return;
        }
        String type = msg.path("type").asText("");
        switch (phase) {
            case AWAITING_AUTH -> {
                if (type.equals("auth")) {
                    authenticate(ch, msg);
                } else if (type.equals("resume")) {
                    resume(ch, msg);
                } else {
                    close(ch, "BAD_MESSAGE", "the first message must be auth or resume", Protocol.CLOSE_BAD_MESSAGE);
                }
            }
            case ATTACHED -> onMessage(ch, type, msg);
            default -> {
                // CONNECTING: the client should wait for ready; a ping is still answered
                if (type.equals("ping")) {
                    ch.writeAndFlush(Protocol.pong());
                }
            }
        }
    }

    private void onMessage(Channel ch, String type, JsonNode msg) {
        switch (type) {
            case "input" -> session.input(ch, msg.path("data").asText("").getBytes(StandardCharsets.UTF_8));
            case "resize" -> {
                int cols = msg.path("cols").asInt(0);
                int rows = msg.path("rows").asInt(0);
                if (cols < 1 || cols > 1000 || rows < 1 || rows > 1000) {
                    ch.writeAndFlush(Protocol.error("BAD_RESIZE", "cols and rows must be 1..1000"));
                } else {
                    session.resize(ch, cols, rows);
                }
            }
            case "ping" -> ch.writeAndFlush(Protocol.pong());
            default -> ch.writeAndFlush(Protocol.error("BAD_MESSAGE", "unknown message type"));
        }
    }

    private void authenticate(Channel ch, JsonNode msg) {
        phase = Phase.CONNECTING;
        cancelAuthTimer();
        String ticket = msg.path("ticket").asText("");
        boolean binary = msg.path("binary").asBoolean(false);
        String pathId = ch.attr(HttpGateHandler.SESSION_ID).get();
        ctx.blocking().execute(() -> open(ch, ticket, pathId, binary));
    }

    // Off the event loop: DynamoDB and SSH calls block.
    private void open(Channel ch, String secret, String pathId, boolean binary) {
        Optional<TerminalTicket> redeemed;
        try {
            redeemed = ctx.tickets().consume(secret);
        } catch (RuntimeException e) {
            log.warn("cannot redeem a terminal ticket: {}", e.toString());
            closeLater(ch, "RELAY_UNAVAILABLE", "the relay cannot reach its database", 1011);
            return;
        }
        if (redeemed.isEmpty() || !redeemed.get().sessionId().equals(pathId)) {
            closeLater(ch, "UNAUTHENTICATED", "the ticket is invalid, used or expired", Protocol.CLOSE_UNAUTHENTICATED);
            return;
        }
        TerminalTicket t = redeemed.get();
        ch.eventLoop().execute(() -> PreAuthGuard.authenticated(ch)); // a valid ticket: no longer a half-open socket
        if (ctx.registry().draining()) {
            closeLater(ch, "RELAY_RESTARTING", "the relay is restarting; reconnect", Protocol.CLOSE_RESTARTING);
            return;
        }
        Instant now = Instant.now();
        boolean started;
        try {
            started = !ctx.registry().contains(t.sessionId())
                    && ctx.sessions()
                            .tryStart(
                                    TerminalSession.starting(t.sessionId(), t.accountId(), t.serverId(), now),
                                    ctx.config().maxSessionsPerAccount());
        } catch (RuntimeException e) {
            log.warn("cannot record terminal session {}: {}", t.sessionId(), e.toString());
            closeLater(ch, "RELAY_UNAVAILABLE", "the relay cannot reach its database", 1011);
            return;
        }
        if (!started) {
            closeLater(ch, "SESSION_LIMIT", "too many open terminal sessions for this account", Protocol.CLOSE_LIMIT);
            return;
        }
        SshShell shell;
        try {
            shell = ctx.connector().open(t, ch.eventLoop());
        } catch (SshFailure f) {
            log.info(
                    "terminal session {} to {}:{} refused: {} ({})",
                    t.sessionId(),
                    t.host(),
                    t.port(),
                    f.code(),
                    f.getCause() == null ? "" : f.getCause().toString());
            endRecord(t, now);
            closeLater(ch, f.code(), f.getMessage(), Protocol.CLOSE_SSH_FAILED);
            return;
        }
        AsciicastWriter recording = null;
        if (t.record()) {
            try {
                OutputStream out = ctx.recordings().create(t.accountId(), t.sessionId());
                recording = new AsciicastWriter(out, t.cols(), t.rows(), now);
            } catch (IOException | RuntimeException e) {
                log.warn("terminal session {} cannot be recorded: {}", t.sessionId(), e.toString());
            }
        }
        RelaySession s = new RelaySession(t.sessionId(), t.accountId(), t.serverId(), now, shell, recording, ctx);
        ctx.registry().add(s);
        s.start();
        log.info(
                "terminal session {} open: account {} server {} via {}:{}",
                t.sessionId(),
                t.accountId(),
                t.serverId(),
                t.host(),
                t.port());
        ch.eventLoop().execute(() -> {
            if (ch.isActive() && phase == Phase.CONNECTING) {
                phase = Phase.ATTACHED;
                session = s;
                s.attachFirst(ch, binary);
            } else {
                s.startDetached();
            }
        });
    }

    private void endRecord(TerminalTicket t, Instant now) {
        try {
            ctx.sessions().end(t.accountId(), t.sessionId(), now, 0, 0, false);
        } catch (RuntimeException e) {
            log.warn("cannot record the end of terminal session {}: {}", t.sessionId(), e.toString());
        }
    }

    private void resume(Channel ch, JsonNode msg) {
        cancelAuthTimer();
        String id = msg.path("sessionId").asText("");
        String pathId = ch.attr(HttpGateHandler.SESSION_ID).get();
        Optional<RelaySession> found = id.equals(pathId) ? ctx.registry().find(id) : Optional.empty();
        if (found.isEmpty() || !msg.path("lastSeq").canConvertToLong()) {
            close(
                    ch,
                    "RESUME_REFUSED",
                    "no such session to resume (ended, or the grace period passed)",
                    Protocol.CLOSE_RESUME_REFUSED);
            return;
        }
        RelaySession s = found.get();
        phase = Phase.ATTACHED;
        session = s;
        RelaySession.AttachResult result = s.resume(
                ch,
                msg.path("resumeToken").asText(""),
                msg.path("lastSeq").asLong(),
                msg.path("binary").asBoolean(false));
        if (result != RelaySession.AttachResult.ATTACHED) {
            session = null;
            close(
                    ch,
                    result == RelaySession.AttachResult.GAP ? "RESUME_GAP" : "RESUME_REFUSED",
                    result == RelaySession.AttachResult.GAP
                            ? "the missed output is no longer buffered"
                            : "bad resume token",
                    Protocol.CLOSE_RESUME_REFUSED);
        } else {
            PreAuthGuard.authenticated(ch); // the resume token was right
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext c) throws Exception {
        if (session != null) {
            session.writabilityChanged(c.channel());
        }
        super.channelWritabilityChanged(c);
    }

    @Override
    public void channelInactive(ChannelHandlerContext c) throws Exception {
        cancelAuthTimer();
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        if (session != null) {
            session.detach(c.channel());
        }
        phase = Phase.CLOSING;
        super.channelInactive(c);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
        if (cause instanceof TooLongFrameException
                || cause instanceof CorruptedWebSocketFrameException
                || cause instanceof CorruptedFrameException) {
            // the protocol handler answers an oversized single frame; an oversized fragmented message ends up here
            RelayInitializer.closeAfterViolation(c, 1009, "frame too large");
            return;
        }
        log.debug("terminal socket failed: {}", cause.toString());
        c.close();
    }

    private void cancelAuthTimer() {
        if (authTimer != null) {
            authTimer.cancel(false);
            authTimer = null;
        }
    }

    private void closeLater(Channel ch, String code, String message, int closeCode) {
        ch.eventLoop().execute(() -> close(ch, code, message, closeCode));
    }

    private void close(Channel ch, String code, String message, int closeCode) {
        if (phase == Phase.CLOSING || !ch.isActive()) {
            phase = Phase.CLOSING;
            return;
        }
        phase = Phase.CLOSING;
        ch.write(Protocol.error(code, message));
        ch.writeAndFlush(new CloseWebSocketFrame(closeCode, code)).addListener(ChannelFutureListener.CLOSE);
    }
}
