package dev.xanthus.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The session's flow control against a scripted shell and an in-memory socket: no SSH, no network, no clock. */
class RelaySessionTest {

    private ScheduledExecutorService scheduler;
    private ExecutorService blocking;
    private ScriptedShell shell;
    private RelaySession session;
    private EmbeddedChannel socket;

    @BeforeEach
    void setUp() {
        scheduler = Executors.newSingleThreadScheduledExecutor();
        blocking = Executors.newSingleThreadExecutor();
        RelayConfig config = RelayConfig.from(Map.of("RELAY_RESUME_BUFFER_BYTES", Integer.toString(64 * 1024)));
        RelayContext ctx = new RelayContext(config, null, null, null, null, new SessionRegistry(), blocking, scheduler);
        shell = new ScriptedShell();
        session = new RelaySession("s1", "acc", "srv", Instant.now(), shell, null, ctx);
        socket = new EmbeddedChannel();
    }

    @AfterEach
    void tearDown() {
        socket.finishAndReleaseAll();
        scheduler.shutdownNow();
        blocking.shutdownNow();
    }

    @Test
    void output_shouldStopReadingTheShell_whileTheSocketIsNotWritable_andResumeWhenItIs() {
        // given: an attached session that has read and forwarded some output
        session.start();
        session.attachFirst(socket, true);
        shell.out.push("hello ");
        assertThat(shell.out.readPending()).isTrue();
        // when: the socket fills up (above its high water mark) and more output arrives
        socket.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        shell.out.push("world");
        shell.out.push("later");
        // then: what was read still goes out, but no further read is issued: the SSH window closes, the server waits
        assertThat(shell.out.readPending()).isFalse();
        assertThat(shell.out.queued()).isEqualTo(1);
        // when: the socket drains
        socket.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        session.writabilityChanged(socket);
        socket.runPendingTasks();
        // then: reading resumes, and the output arrives whole, in order, with consistent offsets
        assertThat(shell.out.queued()).isZero();
        assertThat(shell.out.readPending()).isTrue();
        assertThat(new String(binaryOutput(), StandardCharsets.UTF_8)).isEqualTo("hello worldlater");
    }

    @Test
    void output_shouldFillOnlyTheResumeBuffer_whileDetached_andReplayEverythingOnAttach() {
        // given: a session whose socket is gone, with more output waiting than the 64 KiB resume buffer holds
        session.startDetached();
        session.start();
        byte[] produced = new byte[200_000];
        for (int i = 0; i < produced.length; i++) {
            produced[i] = (byte) ('a' + i % 26);
        }
        for (int off = 0; off < produced.length; off += 10_000) {
            shell.out.push(java.util.Arrays.copyOfRange(produced, off, off + 10_000));
        }
        // then: reading stopped before a byte the client has not seen could be evicted
        assertThat(shell.out.readPending()).isFalse();
        assertThat(shell.out.queued()).isPositive();
        assertThat(session.bytesOut()).isLessThanOrEqualTo(64 * 1024);
        // when: a socket attaches
        session.attachFirst(socket, true);
        socket.runPendingTasks();
        // then: the buffered output is replayed and reading goes on until all of it went through, nothing lost
        assertThat(shell.out.queued()).isZero();
        assertThat(binaryOutput()).isEqualTo(produced);
    }

    @Test
    void input_shouldPauseReadingTheSocket_whileAWriteWaitsForTheShell_inOrder() {
        // given
        session.start();
        session.attachFirst(socket, true);
        // when: a first keystroke's write has not completed (SSH window full) and more arrive
        session.input(socket, "a".getBytes(StandardCharsets.UTF_8));
        session.input(socket, "b".getBytes(StandardCharsets.UTF_8));
        session.resize(socket, 100, 40);
        session.input(socket, "c".getBytes(StandardCharsets.UTF_8));
        // then: one write at a time, and the socket is not read meanwhile
        assertThat(shell.in.written()).containsExactly("a");
        assertThat(socket.config().isAutoRead()).isFalse();
        // when: the writes complete one by one
        shell.in.completeNext();
        assertThat(shell.in.written()).containsExactly("a", "b");
        shell.in.completeNext();
        // then: the resize went in between, in order, and reading resumes once everything is written
        assertThat(shell.resizes).containsExactly("100x40");
        assertThat(shell.in.written()).containsExactly("a", "b", "c");
        assertThat(socket.config().isAutoRead()).isFalse();
        shell.in.completeNext();
        assertThat(socket.config().isAutoRead()).isTrue();
        assertThat(session.bytesIn()).isEqualTo(3);
    }

    @Test
    void input_shouldNotPauseTheSocket_whenWritesCompleteAtOnce() {
        session.start();
        session.attachFirst(socket, true);
        shell.in.completeAtOnce = true;

        session.input(socket, "x".getBytes(StandardCharsets.UTF_8));
        session.input(socket, "y".getBytes(StandardCharsets.UTF_8));

        assertThat(shell.in.written()).containsExactly("x", "y");
        assertThat(socket.config().isAutoRead()).isTrue();
    }

    @Test
    void output_shouldHoldBackAnIncompleteUtf8Character_untilItsLastByteArrives() throws Exception {
        session.start();
        session.attachFirst(socket, false);
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);

        shell.out.push(new byte[] {'x', euro[0]});
        shell.out.push(new byte[] {euro[1], euro[2], 'y'});

        List<String> texts = new ArrayList<>();
        for (JsonNode m : jsonMessages()) {
            if (m.path("type").asText().equals("output")) {
                texts.add(m.path("data").asText());
            }
        }
        assertThat(texts).containsExactly("x", "€y");
    }

    @Test
    void eof_shouldEndTheSessionWithTheShellsExitStatus() throws Exception {
        // given
        session.start();
        session.attachFirst(socket, false);
        shell.out.push("bye\r\n");
        shell.exitStatus = 7;
        // when
        shell.out.end();
        socket.runPendingTasks();
        // then
        assertThat(session.ended()).isTrue();
        List<JsonNode> messages = jsonMessages();
        assertThat(messages.get(messages.size() - 1).path("type").asText()).isEqualTo("exit");
        assertThat(messages.get(messages.size() - 1).path("status").asInt()).isEqualTo(7);
        assertThat(lastClose).isEqualTo(1000);
    }

    @Test
    void eof_shouldEndWithSshDisconnected_whenTheConnectionWasLost() throws Exception {
        session.start();
        session.attachFirst(socket, false);
        shell.connected = false;

        shell.out.end();
        socket.runPendingTasks();

        List<JsonNode> messages = jsonMessages();
        assertThat(messages.get(messages.size() - 1).path("code").asText()).isEqualTo("SSH_DISCONNECTED");
        assertThat(lastClose).isEqualTo(4502);
    }

    @Test
    void resumeBuffer_shouldHoldNothing_untilOutputArrives() {
        assertThat(session.bufferedBytesAllocated()).isZero();

        session.start();
        shell.out.push("$ ");

        assertThat(session.bufferedBytesAllocated()).isBetween(2, OutputRing.MIN_GROWTH);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private int lastClose = -1;

    /** Payloads of the binary frames written so far, concatenated, checking each frame's end offset. */
    private byte[] binaryOutput() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Object frame;
        while ((frame = socket.readOutbound()) != null) {
            if (frame instanceof BinaryWebSocketFrame b) {
                ByteBuf content = b.content();
                long seq = content.readLong();
                byte[] bytes = new byte[content.readableBytes()];
                content.readBytes(bytes);
                out.writeBytes(bytes);
                assertThat(seq).isEqualTo(out.size());
            } else if (frame instanceof CloseWebSocketFrame c) {
                lastClose = c.statusCode();
            }
            io.netty.util.ReferenceCountUtil.release(frame);
        }
        return out.toByteArray();
    }

    private List<JsonNode> jsonMessages() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        Object frame;
        while ((frame = socket.readOutbound()) != null) {
            if (frame instanceof TextWebSocketFrame t) {
                out.add(Protocol.JSON.readTree(t.text()));
            } else if (frame instanceof CloseWebSocketFrame c) {
                lastClose = c.statusCode();
            }
            io.netty.util.ReferenceCountUtil.release(frame);
        }
        return out;
    }
}
