package dev.xanthus.relay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;

/** The terminal wire protocol: JSON text messages, binary fast-path frames and the close codes (see README). */
final class Protocol {

  static final ObjectMapper JSON = new ObjectMapper();

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
    ObjectNode n = JSON.createObjectNode().put("type", "ready").put("sessionId", sessionId)
        .put("resumeToken", resumeToken).put("seq", seq);
    return new TextWebSocketFrame(n.toString());
  }

  static TextWebSocketFrame error(String code, String message) {
    return new TextWebSocketFrame(JSON.createObjectNode().put("type", "error").put("code", code)
        .put("message", message).toString());
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
    ObjectNode n = JSON.createObjectNode().put("type", "output")
        .put("data", new String(data, off, len, StandardCharsets.UTF_8)).put("seq", endSeq);
    return new TextWebSocketFrame(n.toString());
  }
}
