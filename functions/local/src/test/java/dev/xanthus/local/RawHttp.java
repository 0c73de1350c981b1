package dev.xanthus.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests {@code java.net.http} refuses to send (a NUL or a brace in the request
 * line, an oversized header, a broken chunk). One request per connection; reads until the server closes or the
 * declared length has arrived.
 */
final class RawHttp {

    private static final int READ_TIMEOUT_MS = 10_000;
    private static final int MAX_RESPONSE = 1 << 20;

    private final String host;
    private final int port;
    private final int readTimeoutMs;

    RawHttp(String host, int port) {
        this(host, port, READ_TIMEOUT_MS);
    }

    /** @param readTimeoutMs how long to wait for more of an answer (a server that never answers costs this much) */
    RawHttp(String host, int port, int readTimeoutMs) {
        this.host = host;
        this.port = port;
        this.readTimeoutMs = readTimeoutMs;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    record Response(int status, Map<String, String> headers, String body, String head) {
        /** A header's value by case-insensitive name; null when absent. */
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    Response send(byte[] request) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(readTimeoutMs);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // the server may answer and close before reading all of an oversized request; its answer is still
                // readable
            }
            return read(socket.getInputStream());
        }
    }

    private static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int headEnd = -1;
        long wanted = -1;
        boolean chunked = false;
        while (buffer.size() < MAX_RESPONSE) {
            int n;
            try {
                n = in.read(chunk);
            } catch (SocketTimeoutException | java.net.SocketException e) {
                break;
            }
            if (n < 0) {
                break;
            }
            buffer.write(chunk, 0, n);
            byte[] bytes = buffer.toByteArray();
            if (headEnd < 0) {
                headEnd = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                if (headEnd >= 0) {
                    Map<String, String> headers = headers(new String(bytes, 0, headEnd, StandardCharsets.ISO_8859_1));
                    chunked = "chunked".equalsIgnoreCase(headers.get("transfer-encoding"));
                    if (headers.containsKey("content-length")) {
                        wanted = Long.parseLong(headers.get("content-length").trim());
                    }
                }
            }
            if (headEnd >= 0 && wanted >= 0 && bytes.length - headEnd - 4 >= wanted) {
                break;
            }
            if (headEnd >= 0 && chunked && new String(bytes, StandardCharsets.ISO_8859_1).endsWith("\r\n0\r\n\r\n")) {
                break;
            }
        }
        byte[] bytes = buffer.toByteArray();
        if (headEnd < 0) {
            throw new IOException("no HTTP answer (" + bytes.length + " bytes)");
        }
        String head = new String(bytes, 0, headEnd, StandardCharsets.ISO_8859_1);
        Map<String, String> headers = headers(head);
        byte[] rawBody = java.util.Arrays.copyOfRange(bytes, headEnd + 4, bytes.length);
        String body = chunked ? dechunk(rawBody) : new String(rawBody, StandardCharsets.UTF_8);
        int status = Integer.parseInt(head.substring(9, 12));
        return new Response(status, headers, body, head);
    }

    private static Map<String, String> headers(String head) {
        Map<String, String> headers = new LinkedHashMap<>();
        String[] lines = head.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim(),
                        (a, b) -> a + ", " + b);
            }
        }
        return headers;
    }

    private static String dechunk(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < raw.length) {
            int lineEnd = indexOf(
                    java.util.Arrays.copyOfRange(raw, i, raw.length), "\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (lineEnd < 0) {
                break;
            }
            int size =
                    Integer.parseInt(new String(raw, i, lineEnd, StandardCharsets.ISO_8859_1).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            int start = i + lineEnd + 2;
            out.write(raw, start, Math.min(size, raw.length - start));
            i = start + size + 2;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
