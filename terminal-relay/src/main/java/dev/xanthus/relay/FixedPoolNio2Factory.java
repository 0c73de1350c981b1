package dev.xanthus.relay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.AsynchronousChannelGroup;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.io.IoConnector;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoServiceFactory;
import org.apache.sshd.common.io.IoServiceFactoryFactory;
import org.apache.sshd.common.io.nio2.Nio2Connector;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactory;
import org.apache.sshd.common.util.threads.CloseableExecutorService;

/**
 * MINA's NIO2 transport on a JDK <em>fixed</em> thread pool channel group. MINA's own factory wraps its pool with
 * {@code AsynchronousChannelGroup.withThreadPool}, which the JDK treats as a foreign pool: one internal thread waits
 * on epoll and hands every completion (each SSH read, each write done) to a pool thread, a thread hand-off per event.
 * In a fixed-pool group the threads poll epoll themselves and run the completion on the thread that saw the event.
 */
final class FixedPoolNio2Factory extends Nio2ServiceFactory {

  private final AsynchronousChannelGroup group;

  private FixedPoolNio2Factory(FactoryManager manager, int threads) {
    super(manager, null, null);
    AtomicInteger n = new AtomicInteger();
    try {
      group = AsynchronousChannelGroup.withFixedThreadPool(threads, r -> {
        Thread t = new Thread(null, r, "relay-ssh-io-" + n.incrementAndGet(), 256 * 1024);
        t.setDaemon(true);
        return t;
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** For {@code SshClient.setIoServiceFactoryFactory}. */
  static IoServiceFactoryFactory withThreads(int threads) {
    return new IoServiceFactoryFactory() {
      @Override
      public IoServiceFactory create(FactoryManager manager) {
        return new FixedPoolNio2Factory(manager, threads);
      }

      @Override
      public void setExecutorServiceFactory(org.apache.sshd.common.Factory<CloseableExecutorService> factory) {
        // the group owns its threads
      }
    };
  }

  @Override
  public IoConnector createConnector(IoHandler handler) {
    return autowireCreatedService(new Nio2Connector(this, getFactoryManager(), handler, group, getExecutorService()));
  }

  @Override
  protected void doCloseImmediately() {
    try {
      group.shutdownNow();
      group.awaitTermination(1, TimeUnit.SECONDS);
    } catch (IOException e) {
      // closing anyway
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      super.doCloseImmediately();
    }
  }
}
