package dev.xanthus.relay.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A browser stand-in: a java.net.http WebSocket that collects messages, output bytes (checking seq) and the close. */
public final class TestSocket implements WebSocket.Listener, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<JsonNode> messages = new ArrayList<>();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private long lastSeq;
    private boolean seqConsistent = true;
    private WebSocket ws;

    /** Opens a socket; throws {@link WebSocketHandshakeException} (as the cause) when refused before the upgrade. */
    public static TestSocket open(int port, String sessionId, String origin, String... headers) throws Exception {
        TestSocket socket = new TestSocket();
        WebSocket.Builder builder =
                HTTP.newWebSocketBuilder().header("Origin", origin).connectTimeout(Duration.ofSeconds(5));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        socket.ws = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/terminal/" + sessionId), socket)
                .get(10, TimeUnit.SECONDS);
        return socket;
    }

    /** The HTTP status of a refused upgrade (101 when it was not refused). */
    public static int refusedStatus(int port, String sessionId, String origin, String... headers) throws Exception {
        try {
            open(port, sessionId, origin, headers).close();
            return 101;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw e;
        }
    }

    public TestSocket send(String json) {
        ws.sendText(json, true).orTimeout(10, TimeUnit.SECONDS).join();
        return this;
    }

    public TestSocket sendJson(Object... keyValues) {
        var node = JSON.createObjectNode();
        for (int i = 0; i < keyValues.length; i += 2) {
            node.set((String) keyValues[i], JSON.valueToTree(keyValues[i + 1]));
        }
        return send(node.toString());
    }

    public TestSocket sendBinary(byte[] data) {
        ws.sendBinary(ByteBuffer.wrap(data), true)
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
        return this;
    }

    /** Sends a frame the relay may refuse mid-way (closing the socket while it is still being written). */
    public TestSocket sendBinaryMayBeRefused(byte[] data) {
        ws.sendBinary(ByteBuffer.wrap(data), true)
                .orTimeout(10, TimeUnit.SECONDS)
                .exceptionally(refused -> null)
                .join();
        return this;
    }

    public TestSocket type(String keys) {
        return sendJson("type", "input", "data", keys);
    }

    /** Drops the TCP connection without a close handshake, as a lost network would. */
    public void drop() {
        ws.abort();
    }

    public synchronized JsonNode awaitMessage(String type, Duration timeout) throws InterruptedException {
        return awaitMessage(m -> type.equals(m.path("type").asText()), timeout, "a '" + type + "' message");
    }

    public synchronized JsonNode awaitMessage(Predicate<JsonNode> match, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (JsonNode m : messages) {
                if (match.test(m)) {
                    return m;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(
                        "no " + what + " within " + timeout + "; got " + messages + " and output " + outputText());
            }
            wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
    }

    /** Waits until the output holds {@code needle}. */
    public synchronized String awaitOutput(String needle, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!outputText().contains(needle)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("output did not show '" + needle + "' within " + timeout + ": " + outputText()
                        + " messages " + messages);
            }
            wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
        return outputText();
    }

    /** The close code the relay sent (-1 when the connection failed without one). */
    public int awaitClose(Duration timeout) throws Exception {
        return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public synchronized String outputText() {
        return output.toString(StandardCharsets.UTF_8);
    }

    public synchronized byte[] outputBytes() {
        return output.toByteArray();
    }

    public synchronized long lastSeq() {
        return lastSeq;
    }

    public synchronized boolean seqConsistent() {
        return seqConsistent;
    }

    public synchronized List<JsonNode> messages() {
        return List.copyOf(messages);
    }

    @Override
    public synchronized CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            try {
                JsonNode m = JSON.readTree(text.toString());
                messages.add(m);
                if ("output".equals(m.path("type").asText())) {
                    byte[] bytes = m.path("data").asText().getBytes(StandardCharsets.UTF_8);
                    chunk(bytes, m.path("seq").asLong());
                }
                if ("ready".equals(m.path("type").asText())) {
                    lastSeq = m.path("seq").asLong();
                }
            } catch (Exception e) {
                seqConsistent = false;
            }
            text.setLength(0);
            notifyAll();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public synchronized CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        binary.writeBytes(bytes);
        if (last) {
            ByteBuffer frame = ByteBuffer.wrap(binary.toByteArray());
            binary.reset();
            long seq = frame.getLong();
            byte[] payload = new byte[frame.remaining()];
            frame.get(payload);
            chunk(payload, seq);
            notifyAll();
        }
        webSocket.request(1);
        return null;
    }

    private void chunk(byte[] bytes, long seq) {
        if (seq != lastSeq + bytes.length) {
            seqConsistent = false;
        }
        lastSeq = seq;
        output.writeBytes(bytes);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        synchronized (this) {
            notifyAll();
        }
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        synchronized (this) {
            notifyAll();
        }
        closed.complete(-1);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public void close() {
        if (ws != null && !ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye")
                    .orTimeout(2, TimeUnit.SECONDS)
                    .exceptionally(e -> null);
        }
        if (ws != null) {
            ws.abort();
        }
    }
}
