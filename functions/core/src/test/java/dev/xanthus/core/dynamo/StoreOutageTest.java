package dev.xanthus.core.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xanthus.core.config.AppConfig;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.testing.MutableClock;
import dev.xanthus.core.testing.TestEnv;
import dev.xanthus.sandbox.dynamo.Dynalite;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

class StoreOutageTest {

    private final MutableClock clock = MutableClock.atNow();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final List<String> infos = new CopyOnWriteArrayList<>();
    private final StoreOutage outage = new StoreOutage(clock, warnings::add, infos::add);

    @TempDir
    Path data;

    private DynamoDbClient client(String endpoint) {
        return Dynamo.client(AppConfig.from(TestEnv.base(endpoint, "outage")), outage);
    }

    @Test
    void outage_shouldAnswer503WithRetryAfter_warnOnce_andSayWhenItIsBack() {
        Dynalite first = Dynalite.start("127.0.0.1", 0, data);
        int port = first.port();
        try (DynamoDbClient client = client(first.endpoint())) {
            TableSetup.ensure(client, "outage");
            client.putItem(b -> b.tableName("outage").item(Items.key("K", "1")));

            first.kill();
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(
                                () -> client.getItem(b -> b.tableName("outage").key(Items.key("K", "1"))))
                        .isInstanceOfSatisfying(AppException.Unavailable.class, e -> {
                            assertThat(e.status()).isEqualTo(503);
                            assertThat(e.code()).isEqualTo("STORE_UNAVAILABLE");
                            assertThat(e.retryAfter()).contains(StoreOutage.RETRY_AFTER);
                            assertThat(e.reported()).isTrue();
                            assertThat(e.getCause()).isNull();
                        });
            }
            assertThat(outage.isDown()).isTrue();
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0))
                    .startsWith("DynamoDB unreachable since ")
                    .contains("Connection refused")
                    .doesNotContain("\n");
            assertThat(infos).isEmpty();

            clock.advance(Duration.ofSeconds(42));
            try (Dynalite second = Dynalite.start("127.0.0.1", port, data)) {
                assertThat(client.getItem(b -> b.tableName("outage").key(Items.key("K", "1")))
                                .hasItem())
                        .isTrue();
                assertThat(infos).containsExactly("DynamoDB back after 42 s");
                assertThat(warnings).hasSize(1);
                assertThat(outage.isDown()).isFalse();
            }
        }
    }

    @Test
    void hungStore_shouldAnswer503_notHang() throws Exception {
        // Accepts connections and never answers: a DynamoDB behind a black hole. Only the client's own time bounds end
        // the call; without them it would wait for the socket forever.
        try (ServerSocket hole = new ServerSocket(0);
                DynamoDbClient client = client("http://127.0.0.1:" + hole.getLocalPort())) {
            List<Socket> held = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(hole.accept());
                    }
                } catch (Exception closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            assertThatThrownBy(() -> client.getItem(b -> b.tableName("outage").key(Items.key("K", "1"))))
                    .isInstanceOf(AppException.Unavailable.class);
            assertThat(warnings).singleElement().asString().contains("Timeout");
            acceptor.interrupt();
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void anAnswerThatSaysNo_shouldPassUnchanged_andIsNoOutage() {
        try (Dynalite own = Dynalite.startInMemory();
                DynamoDbClient client = client(own.endpoint())) {
            assertThatThrownBy(() -> client.getItem(b -> b.tableName("missing").key(Items.key("K", "1"))))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThat(outage.isDown()).isFalse();
            assertThat(warnings).isEmpty();
        }
    }
}
