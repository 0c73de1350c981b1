package dev.xanthus.relay;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/** The relay's pipeline: HTTP, the gate (health, path, Origin), the WebSocket protocol, then the terminal handler. */
final class RelayInitializer extends ChannelInitializer<SocketChannel> {

  private static final int MAX_HTTP_REQUEST_BYTES = 8 * 1024;

  private final RelayContext ctx;
  private final ChannelGroup channels;

  RelayInitializer(RelayContext ctx, ChannelGroup channels) {
    this.ctx = ctx;
    this.channels = channels;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    channels.add(ch);
    long heartbeatMillis = ctx.config().heartbeat().toMillis();
    ChannelPipeline p = ch.pipeline();
    // nothing read for two heartbeats and a half: the browser (which answers every ping) is gone
    p.addLast("idle", new IdleStateHandler(heartbeatMillis * 5 / 2, 0, 0, TimeUnit.MILLISECONDS));
    p.addLast("http", new HttpServerCodec());
    p.addLast("aggregator", new HttpObjectAggregator(MAX_HTTP_REQUEST_BYTES));
    p.addLast("gate", new HttpGateHandler(ctx.config().allowedOrigins(), ctx.registry()::draining));
    p.addLast("ws", new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
        .websocketPath("/ws/terminal")
        .checkStartsWith(true)
        .maxFramePayloadLength(RelayConfig.MAX_FRAME_BYTES)
        .handleCloseFrames(true)
        .allowExtensions(false)
        .handshakeTimeoutMillis(ctx.config().authTimeout().toMillis())
        .build()));
    p.addLast("frames", new WebSocketFrameAggregator(RelayConfig.MAX_FRAME_BYTES));
    p.addLast("terminal", new TerminalFrameHandler(ctx));
  }
}
