package dev.xanthus.relay;

import dev.xanthus.core.terminal.TerminalSessionRepository;
import dev.xanthus.core.terminal.TicketRepository;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The relay server: binds the WebSocket port, runs housekeeping, and drains sessions on close (SIGTERM). */
public final class TerminalRelay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TerminalRelay.class);

    private final RelayConfig config;
    private final RelayContext ctx;
    private final EventLoopGroup boss =
            new MultiThreadIoEventLoopGroup(1, threads("relay-accept", false), NioIoHandler.newFactory());
    private final EventLoopGroup workers =
            new MultiThreadIoEventLoopGroup(0, threads("relay-io", false), NioIoHandler.newFactory());
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private Channel server;
    private RelayInitializer initializer;

    public TerminalRelay(
            RelayConfig config,
            TicketRepository tickets,
            TerminalSessionRepository sessions,
            RecordingStore recordings) {
        this.config = config;
        ExecutorService blocking = Executors.newCachedThreadPool(threads("relay-blocking", true));
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, threads("relay-housekeeping", true));
        this.ctx = new RelayContext(
                config,
                tickets,
                sessions,
                recordings,
                new SshConnector(config.sshConnectTimeout(), workers),
                new SessionRegistry(),
                blocking,
                scheduler);
    }

    /** Binds and starts serving; returns the bound port (useful with port 0). */
    public int start() throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // generous marks: the pump pauses above 1 MiB queued per socket and resumes below 256 KiB
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .childHandler(initializer = new RelayInitializer(ctx, channels));
        server = b.bind(config.host(), config.port()).sync().channel();
        long flush = config.stateFlushInterval().toMillis();
        ctx.scheduler()
                .scheduleWithFixedDelay(
                        () -> ctx.registry().flushState(ctx.sessions(), config.idleTimeout()),
                        flush,
                        flush,
                        TimeUnit.MILLISECONDS);
        long poll = config.terminatePollInterval().toMillis();
        ctx.scheduler()
                .scheduleWithFixedDelay(
                        () -> ctx.registry().pollTerminations(ctx.sessions()), poll, poll, TimeUnit.MILLISECONDS);
        int port = ((InetSocketAddress) server.localAddress()).getPort();
        log.info("terminal relay listening on {}:{}", config.host(), port);
        return port;
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Sockets from {@code address} (an IP literal) that have not authenticated yet. */
    int unauthenticatedFrom(String address) {
        return initializer.preAuth().held(address);
    }

    /** Sessions held right now (attached or within their resume grace period). */
    public int sessionCount() {
        return ctx.registry().size();
    }

    /**
     * Refuses new sockets, tells every client {@code RELAY_RESTARTING}, ends every session (SSH closed, state written)
     * and stops, all within the configured shutdown grace.
     */
    @Override
    public void close() {
        long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
        ctx.registry().startDraining();
        if (server != null) {
            server.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
        for (RelaySession s : ctx.registry().all()) {
            s.end(new Outcome.Failure(
                    "RELAY_RESTARTING", "the relay is restarting; reconnect", Protocol.CLOSE_RESTARTING));
        }
        channels.forEach(ch -> ch.pipeline().fireUserEventTriggered(TerminalFrameHandler.SHUTDOWN));
        while (!channels.isEmpty() && System.nanoTime() < deadline - TimeUnit.SECONDS.toNanos(2)) {
            sleep(50);
        }
        channels.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        ctx.scheduler().shutdownNow();
        ctx.blocking().shutdown();
        try {
            ctx.blocking()
                    .awaitTermination(
                            Math.max(0, deadline - System.nanoTime() - TimeUnit.SECONDS.toNanos(1)),
                            TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ctx.blocking().shutdownNow();
        ctx.connector().close();
        workers.shutdownGracefully(0, 500, TimeUnit.MILLISECONDS).awaitUninterruptibly(1, TimeUnit.SECONDS);
        boss.shutdownGracefully(0, 500, TimeUnit.MILLISECONDS).awaitUninterruptibly(1, TimeUnit.SECONDS);
        log.info("terminal relay stopped");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory threads(String name, boolean daemon) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(daemon);
            return t;
        };
    }
}
