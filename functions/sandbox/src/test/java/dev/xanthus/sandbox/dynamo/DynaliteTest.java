package dev.xanthus.sandbox.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Socket;
import org.junit.jupiter.api.Test;

class DynaliteTest {

    @Test
    void start_shouldListenOnAFreePort_andStopOnClose() throws Exception {
        Dynalite dynalite = Dynalite.startInMemory();
        int port = dynalite.port();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            assertThat(socket.isConnected()).isTrue();
        }
        dynalite.close();
        assertThat(dynalite.isAlive()).isFalse();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void start_shouldRefuse_whenPortIsTaken() {
        try (Dynalite first = Dynalite.startInMemory()) {
            assertThatThrownBy(() -> Dynalite.start("127.0.0.1", first.port(), null))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port taken");
        }
    }

    @Test
    void aClientDroppingItsRequestMidBody_shouldNotTakeTheServerDown() throws Exception {
        try (Dynalite dynalite = Dynalite.startInMemory()) {
            // given: a request whose body stops half-way, then the connection is reset (as an SDK attempt timeout does)
            try (Socket socket = new Socket("127.0.0.1", dynalite.port())) {
                socket.setSoLinger(true, 0);
                socket.getOutputStream()
                        .write(("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.0\r\n"
                                        + "X-Amz-Target: DynamoDB_20120810.ListTables\r\nContent-Length: 100\r\n\r\n{\"Limit\":")
                                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                Thread.sleep(100);
            }
            Thread.sleep(300);

            // then: the server still runs and answers a whole request
            assertThat(dynalite.isAlive()).isTrue();
            java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create(dynalite.endpoint()))
                                    .header("Content-Type", "application/x-amz-json-1.0")
                                    .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                                    .header(
                                            "Authorization",
                                            "AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/dynamodb/aws4_request, "
                                                    + "SignedHeaders=host, Signature=0")
                                    .header("X-Amz-Date", "20260101T000000Z")
                                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("TableNames");
        }
    }
}
