package dev.xanthus.api.testing;

import dev.xanthus.core.testing.LocalDynamo;
import java.util.Map;

/** Points {@code AppConfig.fromSystem()} at the shared test dynalite: system properties override the environment. */
public final class ApiTestEnv {

    private static Map<String, String> env;

    private ApiTestEnv() {}

    public static synchronized Map<String, String> install() {
        if (env == null) {
            env = LocalDynamo.env();
        }
        apply(env);
        return env;
    }

    public static void apply(Map<String, String> values) {
        values.forEach(System::setProperty);
    }
}
