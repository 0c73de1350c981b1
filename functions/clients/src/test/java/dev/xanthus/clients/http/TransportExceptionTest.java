package dev.xanthus.clients.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a failed connection is told apart: real sockets on 127.0.0.1 where they can show it, JDK exceptions otherwise. */
class TransportExceptionTest {

    private final JsonHttp http = new JsonHttp(
            JsonHttp.newHttpClient(), RetryPolicy.defaults(RetryAdvice.retryAfter()), d -> {}, Clock.systemUTC());

    @Test
    void refused_whenNothingListens() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }

        assertThatThrownBy(() -> http.send(get("http://127.0.0.1:" + port + "/v1/x")))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TransportException.Kind.REFUSED);
                    assertThat(e.reason()).isEqualTo("cannot reach 127.0.0.1: the connection was refused");
                });
    }

    @Test
    void tls_whenTheOtherEndDoesNotSpeakTls() throws Exception {
        try (ServerSocket plain = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread answerer = daemon(() -> answerPlainly(plain));
            assertThatThrownBy(() -> http.send(get("https://127.0.0.1:" + plain.getLocalPort() + "/v1/x")))
                    .isInstanceOfSatisfying(
                            TransportException.class, e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.TLS));
            answerer.interrupt();
        }
    }

    @Test
    void dropped_whenTheConnectionClosesWithoutAnAnswer() throws Exception {
        try (ServerSocket rude = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread closer = daemon(() -> {
                while (!rude.isClosed()) {
                    try (Socket s = rude.accept()) {
                        s.getInputStream().read(new byte[1024]);
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            assertThatThrownBy(() -> http.send(post("http://127.0.0.1:" + rude.getLocalPort() + "/v1/x")))
                    .isInstanceOfSatisfying(TransportException.class, e -> {
                        assertThat(e.kind()).isEqualTo(TransportException.Kind.DROPPED);
                        assertThat(e.reason()).isEqualTo("127.0.0.1 closed the connection without an answer");
                    });
            closer.interrupt();
        }
    }

    @Test
    void dnsAndTimeout_asTheJdkReportsThem() {
        // No resolver or slow peer is used here (loopback only): the JDK's own exception shapes stand in.
        ConnectException unresolved = new ConnectException();
        unresolved.initCause(new UnresolvedAddressException());
        assertThat(new TransportException("GET /x", URI.create("https://api.cloudflare.com/x"), unresolved).reason())
                .isEqualTo("cannot reach api.cloudflare.com: the name does not resolve");
        assertThat(TransportException.classify(new java.net.UnknownHostException("api.hetzner.cloud")))
                .isEqualTo(TransportException.Kind.DNS);
        assertThat(TransportException.classify(new HttpConnectTimeoutException("connect timed out")))
                .isEqualTo(TransportException.Kind.TIMEOUT);
        assertThat(TransportException.classify(new java.net.SocketTimeoutException("read timed out")))
                .isEqualTo(TransportException.Kind.TIMEOUT);
    }

    private static Thread daemon(Runnable body) {
        Thread t = new Thread(body, "transport-test-peer");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void answerPlainly(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes());
            } catch (IOException e) {
                return;
            }
        }
    }

    private static ApiRequest get(String uri) {
        return ApiRequest.get(URI.create(uri), "/x", Map.of());
    }

    private static ApiRequest post(String uri) {
        return ApiRequest.write("POST", URI.create(uri), "/x", Map.of(), "{}".getBytes(), "application/json");
    }
}
