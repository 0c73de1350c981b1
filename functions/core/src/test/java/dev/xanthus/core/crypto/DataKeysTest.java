package dev.xanthus.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.xanthus.core.config.AppConfig;
import dev.xanthus.core.config.ConfigException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DataKeysTest {

    @Test
    void resolve_shouldDecodePlainKey_andRejectWrongLength() {
        byte[] key = new byte[32];
        key[5] = 7;

        assertThat(DataKeys.resolve(
                        new AppConfig.DataKeySource.Plain(Base64.getEncoder().encodeToString(key)), "us-east-1"))
                .isEqualTo(key);
        assertThatThrownBy(() -> DataKeys.resolve(new AppConfig.DataKeySource.Plain("AAAA"), "us-east-1"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("DATA_KEY");
    }

    /** Speaks the KMS JSON 1.1 wire protocol for Decrypt, as the real endpoint does. */
    @Test
    void resolve_shouldDecryptTheEnvelopeOnceThroughKms() throws Exception {
        byte[] plaintextKey = new byte[32];
        plaintextKey[0] = 42;
        AtomicReference<String> target = new AtomicReference<>();
        AtomicReference<String> body = new AtomicReference<>();
        HttpServer kms = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        kms.createContext("/", exchange -> {
            target.set(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer =
                    ("{\"KeyId\":\"arn:aws:kms:us-east-1:111122223333:key/k\",\"EncryptionAlgorithm\":\"SYMMETRIC_DEFAULT\","
                                    + "\"Plaintext\":\"" + Base64.getEncoder().encodeToString(plaintextKey) + "\"}")
                            .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        kms.start();
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        try {
            String blob = Base64.getEncoder().encodeToString("wrapped-key".getBytes(StandardCharsets.UTF_8));
            byte[] key = DataKeys.resolve(
                    new AppConfig.DataKeySource.Kms(
                            blob,
                            Optional.of(URI.create(
                                    "http://127.0.0.1:" + kms.getAddress().getPort()))),
                    "us-east-1");

            assertThat(key).isEqualTo(plaintextKey);
            assertThat(target.get()).isEqualTo("TrentService.Decrypt");
            assertThat(body.get()).contains(blob);
        } finally {
            kms.stop(0);
        }
    }
}
