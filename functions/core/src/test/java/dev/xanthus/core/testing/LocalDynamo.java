package dev.xanthus.core.testing;

import dev.xanthus.core.config.AppConfig;
import dev.xanthus.core.dynamo.Dynamo;
import dev.xanthus.core.dynamo.TableSetup;
import dev.xanthus.sandbox.dynamo.Dynalite;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** One in-memory dynalite per test JVM, shared; each caller gets its own fresh table. */
public final class LocalDynamo {

    private static Dynalite server;
    private static DynamoDbClient client;

    private LocalDynamo() {}

    public static synchronized Dynalite server() {
        if (server == null || !server.isAlive()) {
            server = Dynalite.startInMemory();
            Dynalite started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
            client = null;
        }
        return server;
    }

    public static synchronized DynamoDbClient client() {
        if (client == null) {
            // Table set-up only: a dynalite just started on a busy machine can take over the production 1.5 s bound.
            Map<String, String> env = new java.util.HashMap<>(TestEnv.base(server().endpoint(), "unused"));
            env.put("DYNAMODB_CALL_TIMEOUT", "PT10S");
            client = Dynamo.client(AppConfig.from(env));
        }
        return client;
    }

    /** Creates a table with a unique name and returns that name. */
    public static String newTable() {
        String name = "xanthus-test-" + UUID.randomUUID();
        TableSetup.ensure(client(), name);
        return name;
    }

    /** A complete, valid environment pointing at the shared server and a fresh table. */
    public static Map<String, String> env() {
        return TestEnv.base(server().endpoint(), newTable());
    }
}
