package dev.xanthus.relay;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.Factory;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.channel.IoWriteFutureImpl;
import org.apache.sshd.common.future.CloseFuture;
import org.apache.sshd.common.io.DefaultIoConnectFuture;
import org.apache.sshd.common.io.IoAcceptor;
import org.apache.sshd.common.io.IoConnectFuture;
import org.apache.sshd.common.io.IoConnector;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoService;
import org.apache.sshd.common.io.IoServiceEventListener;
import org.apache.sshd.common.io.IoServiceFactory;
import org.apache.sshd.common.io.IoServiceFactoryFactory;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.io.IoWriteFuture;
import org.apache.sshd.common.util.Readable;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.closeable.AbstractCloseable;
import org.apache.sshd.common.util.threads.CloseableExecutorService;

/**
 * MINA sshd's client transport on the relay's own Netty event loops. Each SSH connection is registered on the event
 * loop of the browser socket it serves ({@link #onLoop}), so a keystroke and its echo are handled by one thread from
 * browser to SSH server and back: the SSH packet is decrypted and its bytes written to the WebSocket on the loop that
 * read them, with no hand-off between threads (MINA's NIO2 transport needs at least one each way). It also needs no
 * per-connection read buffer: Netty reads into its pooled buffers and MINA copies what it decodes.
 */
final class NettySshTransport {

    private static final ThreadLocal<EventLoop> PREFERRED = new ThreadLocal<>();

    private NettySshTransport() {}

    /** Runs {@code connect} so that the connection it opens is registered on {@code loop}. */
    static <T, E extends Exception> T onLoop(EventLoop loop, ThrowingSupplier<T, E> connect) throws E {
        PREFERRED.set(loop);
        try {
            return connect.get();
        } finally {
            PREFERRED.remove();
        }
    }

    interface ThrowingSupplier<T, E extends Exception> {
        T get() throws E;
    }

    /** For {@code SshClient.setIoServiceFactoryFactory}: connections on {@code group}'s loops. */
    static IoServiceFactoryFactory factoryFactory(EventLoopGroup group, Duration connectTimeout) {
        return new IoServiceFactoryFactory() {
            @Override
            public IoServiceFactory create(FactoryManager manager) {
                return new ServiceFactory(group, connectTimeout);
            }

            @Override
            public void setExecutorServiceFactory(Factory<CloseableExecutorService> factory) {
                // the event loops are the relay's
            }
        };
    }

    private static final class ServiceFactory extends AbstractCloseable implements IoServiceFactory {
        private final EventLoopGroup group;
        private final Duration connectTimeout;
        private IoServiceEventListener listener;

        ServiceFactory(EventLoopGroup group, Duration connectTimeout) {
            this.group = group;
            this.connectTimeout = connectTimeout;
        }

        @Override
        public IoConnector createConnector(IoHandler handler) {
            return new Connector(group, connectTimeout, handler);
        }

        @Override
        public IoAcceptor createAcceptor(IoHandler handler) {
            throw new UnsupportedOperationException("the relay only connects");
        }

        @Override
        public IoServiceEventListener getIoServiceEventListener() {
            return listener;
        }

        @Override
        public void setIoServiceEventListener(IoServiceEventListener listener) {
            this.listener = listener;
        }
    }

    private static final class Connector extends AbstractCloseable implements IoConnector {
        private final EventLoopGroup group;
        private final Duration connectTimeout;
        private final IoHandler handler;
        private final Map<Long, IoSession> sessions = new ConcurrentHashMap<>();
        private final AtomicLong ids = new AtomicLong();
        private IoServiceEventListener listener;

        Connector(EventLoopGroup group, Duration connectTimeout, IoHandler handler) {
            this.group = group;
            this.connectTimeout = connectTimeout;
            this.handler = handler;
        }

        @Override
        public IoConnectFuture connect(SocketAddress address, AttributeRepository context, SocketAddress localAddress) {
            DefaultIoConnectFuture future = new DefaultIoConnectFuture(address, null);
            EventLoop preferred = PREFERRED.get();
            Bootstrap b = new Bootstrap()
                    .group(preferred != null ? preferred : group.next())
                    .channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.SO_KEEPALIVE, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                            Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                    .handler(new ChannelInboundHandlerAdapter() {
                        private Session session;

                        @Override
                        public void channelActive(ChannelHandlerContext c) {
                            session = new Session(Connector.this, ids.incrementAndGet(), c.channel());
                            try {
                                if (context != null) {
                                    session.setAttribute(AttributeRepository.class, context);
                                }
                                handler.sessionCreated(session);
                                sessions.put(session.getId(), session);
                                future.setSession(session);
                                if (future.getSession() != session) {
                                    // cancelled meanwhile
                                    session.close(true);
                                }
                            } catch (Throwable t) {
                                future.setException(t);
                                c.close();
                            }
                            c.fireChannelActive();
                        }

                        @Override
                        public void channelRead(ChannelHandlerContext c, Object msg) throws Exception {
                            ByteBuf buf = (ByteBuf) msg;
                            try {
                                handler.messageReceived(session, new ByteBufReadable(buf));
                            } finally {
                                buf.release();
                            }
                        }

                        @Override
                        public void channelInactive(ChannelHandlerContext c) throws Exception {
                            if (session != null) {
                                sessions.remove(session.getId());
                                session.close(true);
                                handler.sessionClosed(session);
                            }
                        }

                        @Override
                        public void exceptionCaught(ChannelHandlerContext c, Throwable cause) throws Exception {
                            if (session != null) {
                                handler.exceptionCaught(session, cause);
                            } else {
                                c.close();
                            }
                        }
                    });
            ChannelFuture connecting = localAddress == null ? b.connect(address) : b.connect(address, localAddress);
            connecting.addListener(f -> {
                if (!f.isSuccess()) {
                    future.setException(f.cause());
                }
            });
            return future;
        }

        @Override
        public Map<Long, IoSession> getManagedSessions() {
            return Map.copyOf(sessions);
        }

        @Override
        public IoServiceEventListener getIoServiceEventListener() {
            return listener;
        }

        @Override
        public void setIoServiceEventListener(IoServiceEventListener listener) {
            this.listener = listener;
        }

        @Override
        protected void doCloseImmediately() {
            sessions.values().forEach(s -> s.close(true));
            sessions.clear();
            super.doCloseImmediately();
        }
    }

    /** One SSH connection: a Netty channel seen as a MINA {@link IoSession}. */
    private static final class Session extends AbstractCloseable implements IoSession {
        private final Connector service;
        private final long id;
        private final Channel channel;
        private final Map<Object, Object> attributes = new ConcurrentHashMap<>();
        /** The last write handed to Netty: writes from different threads go out in MINA's order (that of the packets). */
        private ChannelFuture lastWrite;

        Session(Connector service, long id, Channel channel) {
            this.service = service;
            this.id = id;
            this.channel = channel;
            this.lastWrite = channel.newSucceededFuture();
        }

        @Override
        public long getId() {
            return id;
        }

        @Override
        public SocketAddress getAcceptanceAddress() {
            return null;
        }

        @Override
        public Object getAttribute(Object key) {
            return attributes.get(key);
        }

        @Override
        public Object setAttribute(Object key, Object value) {
            return attributes.put(key, value);
        }

        @Override
        public Object setAttributeIfAbsent(Object key, Object value) {
            return attributes.putIfAbsent(key, value);
        }

        @Override
        public Object removeAttribute(Object key) {
            return attributes.remove(key);
        }

        @Override
        public SocketAddress getRemoteAddress() {
            return channel.remoteAddress();
        }

        @Override
        public SocketAddress getLocalAddress() {
            return channel.localAddress();
        }

        @Override
        public IoService getService() {
            return service;
        }

        @Override
        public synchronized IoWriteFuture writeBuffer(Buffer buffer) throws IOException {
            IoWriteFutureImpl done = new IoWriteFutureImpl(this, buffer);
            if (!channel.isActive()) {
                done.setValue(new IOException("the SSH connection is closed"));
                return done;
            }
            ByteBuf bytes = Unpooled.wrappedBuffer(buffer.array(), buffer.rpos(), buffer.available());
            ChannelPromise promise = channel.newPromise();
            promise.addListener(f -> done.setValue(f.isSuccess() ? Boolean.TRUE : f.cause()));
            ChannelFuture previous = lastWrite;
            lastWrite = promise;
            if (previous.isDone()) {
                channel.writeAndFlush(bytes, promise);
            } else {
                // a write from another thread is still queued for the loop: go after it
                previous.addListener(f -> channel.writeAndFlush(bytes, promise));
            }
            return done;
        }

        @Override
        public void shutdownOutputStream() throws IOException {
            if (channel instanceof SocketChannel socket) {
                socket.shutdownOutput();
            }
        }

        @Override
        public void suspendRead() {
            channel.config().setAutoRead(false);
        }

        @Override
        public void resumeRead() {
            channel.config().setAutoRead(true);
        }

        @Override
        protected CloseFuture doCloseGracefully() {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> channel.close());
            channel.closeFuture().addListener(f -> closeFuture.setClosed());
            return closeFuture;
        }

        @Override
        protected void doCloseImmediately() {
            channel.close();
            super.doCloseImmediately();
        }
    }

    /** A Netty buffer as MINA's {@link Readable}; MINA copies what it takes before the buffer is released. */
    private record ByteBufReadable(ByteBuf buf) implements Readable {
        @Override
        public int available() {
            return buf.readableBytes();
        }

        @Override
        public void getRawBytes(byte[] data, int offset, int len) {
            buf.readBytes(data, offset, len);
        }
    }
}
