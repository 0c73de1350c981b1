package dev.xanthus.relay;

import dev.xanthus.core.config.AppConfig;
import dev.xanthus.core.crypto.DataKeys;
import dev.xanthus.core.crypto.SecretBox;
import dev.xanthus.core.dynamo.Dynamo;
import dev.xanthus.core.terminal.TerminalSessionRepository;
import dev.xanthus.core.terminal.TicketRepository;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Runs the relay as a process: config from the environment, stops cleanly on SIGTERM. */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> env = new HashMap<>(System.getenv());
        // AppConfig insists on the API's JWT signing key; the relay never signs or verifies JWTs, so it is not given
        // one.
        env.putIfAbsent("JWT_PRIVATE_JWK", "not-used-by-the-relay");
        AppConfig app = AppConfig.from(env);
        RelayConfig config = RelayConfig.from(env);
        DynamoDbClient dynamo = Dynamo.client(app);
        SecretBox box = DataKeys.secretBox(app);
        Clock clock = Clock.systemUTC();
        TerminalRelay relay = new TerminalRelay(
                config,
                new TicketRepository(dynamo, app.tableName(), box, clock),
                new TerminalSessionRepository(dynamo, app.tableName(), clock),
                new LocalRecordingStore(config.recordingsDir()));
        relay.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            relay.close();
                            stopped.countDown();
                        },
                        "relay-shutdown"));
        stopped.await();
    }
}
