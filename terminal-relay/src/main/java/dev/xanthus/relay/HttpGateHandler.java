package dev.xanthus.relay;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AttributeKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything before the WebSocket handshake: {@code GET /healthz}, the path {@code /ws/terminal/{sessionId}} and the
 * {@code Origin} check (a browser sends cookies cross-site, so a foreign page must not even get a socket).
 * Removed from the pipeline once the handshake completes.
 */
final class HttpGateHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    static final String WS_PREFIX = "/ws/terminal/";
    static final AttributeKey<String> SESSION_ID = AttributeKey.valueOf("xanthus.sessionId");
    private static final Pattern PATH = Pattern.compile("^/ws/terminal/([A-Za-z0-9_-]{8,128})$");

    private final List<String> allowedOrigins;
    private final BooleanSupplier draining;

    HttpGateHandler(List<String> allowedOrigins, BooleanSupplier draining) {
        super(false);
        this.allowedOrigins = allowedOrigins;
        this.draining = draining;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        String path = req.uri();
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.equals("/healthz") && req.method().equals(HttpMethod.GET)) {
            boolean ok = !draining.getAsBoolean();
            respond(
                    ctx,
                    req,
                    ok ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                    ok ? "ok\n" : "draining\n");
            return;
        }
        Matcher m = PATH.matcher(path);
        if (!m.matches() || !req.method().equals(HttpMethod.GET)) {
            respond(ctx, req, HttpResponseStatus.NOT_FOUND, "not found\n");
            return;
        }
        String origin = req.headers().get(HttpHeaderNames.ORIGIN);
        if (origin == null || !allowedOrigins.contains(origin)) {
            respond(ctx, req, HttpResponseStatus.FORBIDDEN, "origin not allowed\n");
            return;
        }
        if (draining.getAsBoolean()) {
            respond(ctx, req, HttpResponseStatus.SERVICE_UNAVAILABLE, "relay restarting\n");
            return;
        }
        if (!PreAuthGuard.admitForwarded(ctx.channel(), req.headers().get("X-Forwarded-For"))) {
            respond(
                    ctx,
                    req,
                    HttpResponseStatus.TOO_MANY_REQUESTS,
                    PreAuthGuard.TOO_MANY,
                    HttpHeaderValues.APPLICATION_JSON);
            return;
        }
        ctx.channel().attr(SESSION_ID).set(m.group(1));
        // the query string (if any) is not needed past this point; the protocol handler matches the path prefix
        ctx.fireChannelRead(req);
    }

    private static void respond(
            ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status, String body) {
        respond(ctx, req, status, body, HttpHeaderValues.TEXT_PLAIN);
    }

    private static void respond(
            ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status, String body, CharSequence type) {
        FullHttpResponse res = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        HttpUtil.setContentLength(res, res.content().readableBytes());
        boolean keepAlive = HttpUtil.isKeepAlive(req) && status == HttpResponseStatus.OK;
        req.release();
        if (keepAlive) {
            ctx.writeAndFlush(res);
        } else {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
