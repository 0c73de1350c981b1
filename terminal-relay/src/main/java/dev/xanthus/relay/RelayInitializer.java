package dev.xanthus.relay;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/** The relay's pipeline: HTTP, the gate (health, path, Origin), the WebSocket protocol, then the terminal handler. */
final class RelayInitializer extends ChannelInitializer<SocketChannel> {

    private static final int MAX_HTTP_REQUEST_BYTES = 8 * 1024;
    /** How long a socket that broke the protocol may take to hang up after our close frame. */
    private static final int VIOLATION_LINGER_SECONDS = 5;

    private final RelayContext ctx;
    private final ChannelGroup channels;
    private final PreAuthGuard.Limiter preAuth;

    RelayInitializer(RelayContext ctx, ChannelGroup channels) {
        this.ctx = ctx;
        this.channels = channels;
        this.preAuth = new PreAuthGuard.Limiter(ctx.config().preAuthPerAddress());
    }

    PreAuthGuard.Limiter preAuth() {
        return preAuth;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        channels.add(ch);
        long heartbeatMillis = ctx.config().heartbeat().toMillis();
        ChannelPipeline p = ch.pipeline();
        // first: until it authenticates, a socket has a deadline and counts against its address's share
        p.addLast(
                "preauth",
                new PreAuthGuard(
                        preAuth,
                        ctx.config().preAuthTimeout().toMillis(),
                        ctx.config().trustedProxyHops()));
        // nothing read for two heartbeats and a half: the browser (which answers every ping) is gone
        p.addLast("idle", new IdleStateHandler(heartbeatMillis * 5 / 2, 0, 0, TimeUnit.MILLISECONDS));
        p.addLast("http", new HttpServerCodec());
        p.addLast("aggregator", new HttpObjectAggregator(MAX_HTTP_REQUEST_BYTES));
        p.addLast("gate", new HttpGateHandler(ctx.config().allowedOrigins(), ctx.registry()::draining));
        p.addLast(
                "ws",
                new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                        .websocketPath("/ws/terminal")
                        .checkStartsWith(true)
                        .maxFramePayloadLength(RelayConfig.MAX_FRAME_BYTES)
                        .handleCloseFrames(true)
                        .allowExtensions(false)
                        // a violation (e.g. a frame over 64 KiB) is answered below, without dropping the client's
                        // unread bytes
                        .closeOnProtocolViolation(false)
                        .handshakeTimeoutMillis(ctx.config().authTimeout().toMillis())
                        .build()) {
                    @Override
                    public void exceptionCaught(ChannelHandlerContext c, Throwable cause) throws Exception {
                        if (cause instanceof CorruptedWebSocketFrameException bad) {
                            closeAfterViolation(
                                    c,
                                    bad.closeStatus().code(),
                                    bad.closeStatus().reasonText());
                        } else {
                            super.exceptionCaught(c, cause);
                        }
                    }
                });
        p.addLast("frames", new WebSocketFrameAggregator(RelayConfig.MAX_FRAME_BYTES));
        p.addLast("terminal", new TerminalFrameHandler(ctx));
    }

    /**
     * Sends the close frame for a protocol violation, then half-closes and lets the client hang up. Closing at once
     * would reset the connection (the rest of the oversized frame is still unread), and a reset can destroy the close
     * frame before the client reads it, so the client would never learn the 1009. The decoder discards what follows.
     */
    static void closeAfterViolation(ChannelHandlerContext c, int code, String reason) {
        Channel ch = c.channel();
        if (!ch.isActive()) {
            return;
        }
        ch.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(f -> {
            if (ch instanceof SocketChannel socket && f.isSuccess()) {
                socket.shutdownOutput();
                ch.eventLoop().schedule(() -> ch.close(), VIOLATION_LINGER_SECONDS, TimeUnit.SECONDS);
            } else {
                ch.close();
            }
        });
    }
}
