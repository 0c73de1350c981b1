package dev.xanthus.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The first handler of every socket, until it authenticates (a ticket redeemed, or a resume accepted): closes it when
 * that has not happened within {@code RELAY_PREAUTH_TIMEOUT} (during the HTTP upgrade by just closing, after it with
 * close 4401 {@code UNAUTHENTICATED}), and holds at most {@code RELAY_PREAUTH_PER_ADDRESS} such sockets per client
 * address: the next one is answered {@code 429} with a small JSON body and closed.
 *
 * <p>The client address is the TCP peer, unless {@code RELAY_TRUSTED_PROXY_HOPS} says the relay sits behind that
 * many proxies that each append to {@code X-Forwarded-For} (CloudFront then the load balancer: 2); then it is that
 * header's entry that many from the right, known once the request headers are read ({@link #admitForwarded}).
 */
final class PreAuthGuard extends ChannelInboundHandlerAdapter {

    /** Fired down the pipeline when the deadline passes after the WebSocket upgrade. */
    static final Object EXPIRED = new Object();

    static final AttributeKey<Boolean> UPGRADED = AttributeKey.valueOf("xanthus.upgraded");
    private static final AttributeKey<PreAuthGuard> GUARD = AttributeKey.valueOf("xanthus.preAuthGuard");
    /** The 429's body, in the API's error shape. */
    static final String TOO_MANY = "{\"status\":\"error\",\"error\":{\"code\":\"TOO_MANY_CONNECTIONS\",\"message\":"
            + "\"too many connections from this address have not authenticated yet; retry later\"}}";
    /** How long a refused socket may take to read our 429 and hang up. */
    private static final int REFUSAL_LINGER_SECONDS = 2;

    /** Unauthenticated sockets per client address, shared by every socket of one relay. */
    static final class Limiter {
        private final int perAddress;
        private final ConcurrentHashMap<String, Integer> held = new ConcurrentHashMap<>();

        Limiter(int perAddress) {
            this.perAddress = perAddress;
        }

        boolean tryAcquire(String address) {
            boolean[] admitted = {false};
            held.compute(address, (k, n) -> {
                int count = n == null ? 0 : n;
                admitted[0] = count < perAddress;
                return admitted[0] ? count + 1 : (n == null ? null : n);
            });
            return admitted[0];
        }

        void release(String address) {
            held.computeIfPresent(address, (k, n) -> n <= 1 ? null : n - 1);
        }

        /** Unauthenticated sockets held now for {@code address} (0 when none). */
        int held(String address) {
            return held.getOrDefault(address, 0);
        }
    }

    private final Limiter limiter;
    private final long timeoutMillis;
    private final int trustedProxyHops;
    private ScheduledFuture<?> deadline;
    private String address;
    private boolean refused;

    PreAuthGuard(Limiter limiter, long timeoutMillis, int trustedProxyHops) {
        this.limiter = limiter;
        this.timeoutMillis = timeoutMillis;
        this.trustedProxyHops = trustedProxyHops;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        Channel ch = ctx.channel();
        ch.attr(GUARD).set(this);
        deadline = ctx.executor().schedule(() -> expire(ctx), timeoutMillis, TimeUnit.MILLISECONDS);
        if (trustedProxyHops == 0) {
            String peer = key(((InetSocketAddress) ch.remoteAddress()).getAddress());
            if (limiter.tryAcquire(peer)) {
                address = peer;
            } else {
                refuseNow(ctx);
                return;
            }
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (refused) {
            ReferenceCountUtil.release(msg); // the refused request is read and dropped, so closing never resets
            return;
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        done();
        super.channelInactive(ctx);
    }

    /**
     * Behind trusted proxies, counts the socket under the client address the proxies name, once its request has been
     * read; false when that address already holds its share (the caller answers 429). Without a usable header the
     * TCP peer is the address.
     */
    static boolean admitForwarded(Channel ch, String forwardedFor) {
        PreAuthGuard guard = ch.attr(GUARD).get();
        if (guard == null || guard.trustedProxyHops == 0 || guard.address != null) {
            return true;
        }
        String client = clientOf(forwardedFor, guard.trustedProxyHops);
        if (client == null) { // not through the proxies after all: count it under the peer
            client = key(((InetSocketAddress) ch.remoteAddress()).getAddress());
        }
        if (!guard.limiter.tryAcquire(client)) {
            return false;
        }
        guard.address = client;
        return true;
    }

    /** The socket authenticated: no deadline, no longer counted, and the guard leaves the pipeline. */
    static void authenticated(Channel ch) {
        PreAuthGuard guard = ch.attr(GUARD).getAndSet(null);
        if (guard != null) {
            guard.done();
            if (ch.pipeline().get(PreAuthGuard.class) != null) {
                ch.pipeline().remove(guard);
            }
        }
    }

    private void expire(ChannelHandlerContext ctx) {
        Channel ch = ctx.channel();
        if (ch.attr(GUARD).get() != this || !ch.isActive()) {
            return;
        }
        if (Boolean.TRUE.equals(ch.attr(UPGRADED).get())) {
            ctx.fireUserEventTriggered(EXPIRED); // the terminal handler sends the error and close 4401
        } else {
            ch.close(); // mid-handshake: there is no WebSocket to send a close frame on
        }
    }

    private void done() {
        if (deadline != null) {
            deadline.cancel(false);
        }
        if (address != null) {
            limiter.release(address);
            address = null;
        }
    }

    private void refuseNow(ChannelHandlerContext ctx) {
        refused = true;
        Channel ch = ctx.channel();
        byte[] body = TOO_MANY.getBytes(StandardCharsets.UTF_8);
        ByteBuf res = Unpooled.buffer();
        res.writeBytes(("HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\nContent-Length: "
                                + body.length + "\r\nRetry-After: "
                                + Math.max(1, TimeUnit.MILLISECONDS.toSeconds(timeoutMillis))
                                + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII))
                .writeBytes(body);
        ctx.writeAndFlush(res).addListener(f -> {
            if (f.isSuccess() && ch instanceof SocketChannel socket) {
                socket.shutdownOutput(); // the client reads the answer, then hangs up; we close after a short linger
                ch.eventLoop().schedule(() -> ch.close(), REFUSAL_LINGER_SECONDS, TimeUnit.SECONDS);
            } else {
                ch.close();
            }
        });
    }

    /**
     * The address {@code hops} entries from the right of {@code X-Forwarded-For} (each trusted proxy appends the peer
     * it saw), as a limiter key; null when the header has fewer entries or the entry is not an IP literal.
     */
    static String clientOf(String forwardedFor, int hops) {
        if (forwardedFor == null || hops < 1) {
            return null;
        }
        String[] entries = forwardedFor.split(",", -1);
        if (entries.length < hops) {
            return null;
        }
        InetAddress address = literal(entries[entries.length - hops].trim());
        return address == null ? null : key(address);
    }

    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    /** An IPv4 or IPv6 literal, or null; never a name lookup (a header must not make the relay query DNS). */
    private static InetAddress literal(String text) {
        boolean v4 = IPV4.matcher(text).matches();
        boolean v6 = !v4 && text.indexOf(':') >= 0 && IPV6.matcher(text).matches();
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(text); // a literal of either form is parsed, not resolved
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** IPv4: the address; IPv6: its /64, since one host can use a whole /64. */
    static String key(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
            Arrays.fill(prefix, 8, 16, (byte) 0);
            try {
                return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return address.getHostAddress();
    }
}
