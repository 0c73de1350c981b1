package dev.xanthus.relay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/** The terminal wire protocol: JSON text messages, binary fast-path frames and the close codes (see README). */
final class Protocol {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Bytes of the big-endian stream offset that prefixes every server-to-client binary frame. */
    static final int SEQ_HEADER_BYTES = 8;

    static final int CLOSE_NORMAL = 1000;
    static final int CLOSE_RESTARTING = 1012;
    static final int CLOSE_BAD_MESSAGE = 4400;
    static final int CLOSE_UNAUTHENTICATED = 4401;
    static final int CLOSE_RESUME_REFUSED = 4404;
    static final int CLOSE_IDLE = 4408;
    static final int CLOSE_REPLACED = 4409;
    static final int CLOSE_TERMINATED = 4410;
    static final int CLOSE_LIMIT = 4429;
    static final int CLOSE_SSH_FAILED = 4502;

    private Protocol() {}

    static TextWebSocketFrame ready(String sessionId, String resumeToken, long seq) {
        ObjectNode n = JSON.createObjectNode()
                .put("type", "ready")
                .put("sessionId", sessionId)
                .put("resumeToken", resumeToken)
                .put("seq", seq);
        return new TextWebSocketFrame(n.toString());
    }

    static TextWebSocketFrame error(String code, String message) {
        return new TextWebSocketFrame(JSON.createObjectNode()
                .put("type", "error")
                .put("code", code)
                .put("message", message)
                .toString());
    }

    static TextWebSocketFrame exit(Integer status) {
        ObjectNode n = JSON.createObjectNode().put("type", "exit");
        if (status == null) {
            n.putNull("status");
        } else {
            n.put("status", status.intValue());
        }
        return new TextWebSocketFrame(n.toString());
    }

    static TextWebSocketFrame pong() {
        return new TextWebSocketFrame("{\"type\":\"pong\"}");
    }

    /**
     * One chunk of terminal output ending at stream offset {@code endSeq}: a binary frame {@code [8-byte endSeq][bytes]}
     * or a JSON {@code output} message. Chunks are cut on UTF-8 character boundaries, so {@code data} is whole text.
     */
    static WebSocketFrame output(byte[] data, int off, int len, long endSeq, boolean binary) {
        if (binary) {
            // heap, unpooled: written from pump threads, where a pooled allocator would keep a cache per thread
            ByteBuf buf = Unpooled.buffer(SEQ_HEADER_BYTES + len);
            buf.writeLong(endSeq).writeBytes(data, off, len);
            return new BinaryWebSocketFrame(buf);
        }
        ObjectNode n = JSON.createObjectNode()
                .put("type", "output")
                .put("data", new String(data, off, len, StandardCharsets.UTF_8))
                .put("seq", endSeq);
        return new TextWebSocketFrame(n.toString());
    }

    /**
     * Writes {@code data} (output ending right after {@code fromSeq + data.length}) as output frames of at most {@code
     * chunk} bytes, each cut on a UTF-8 character boundary; flushing is the caller's.
     */
    static void writeOutput(Channel ch, byte[] data, long fromSeq, int chunk, boolean binary) {
        long seq = fromSeq;
        int off = 0;
        while (off < data.length) {
            int len = Math.min(chunk, data.length - off);
            if (off + len < data.length) {
                len = Math.max(1, Utf8.boundary(data, off, len));
            }
            seq += len;
            ch.write(output(data, off, len, seq, binary));
            off += len;
        }
    }

    /** The last words to a socket: the exit status or the error, then the close frame, then the connection closes. */
    static void sendFinal(Channel ch, Outcome how) {
        if (how instanceof Outcome.Exit exit) {
            ch.write(exit(exit.status()));
            ch.writeAndFlush(new CloseWebSocketFrame(CLOSE_NORMAL, "exited")).addListener(ChannelFutureListener.CLOSE);
        } else if (how instanceof Outcome.Failure f) {
            ch.write(error(f.code(), f.message()));
            ch.writeAndFlush(new CloseWebSocketFrame(f.closeCode(), f.code())).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** A fresh resume token: 256 random bits, URL-safe. */
    static String newResumeToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
