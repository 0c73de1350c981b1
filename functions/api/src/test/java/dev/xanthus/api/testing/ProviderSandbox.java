package dev.xanthus.api.testing;

import dev.xanthus.core.config.AppConfig;
import dev.xanthus.core.server.SshAddressResolver;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Cloudflare sandbox plus one server provider's simulator: the API is configured with the simulator's base URL,
 * and the simulator's IP → port mapping of its sandbox servers is the API's {@link SshAddressResolver}.
 */
abstract class ProviderSandbox implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private final Map<String, String> env;
    private final SshAddressResolver addresses;

    ProviderSandbox(Map<String, String> env, SshAddressResolver addresses) {
        this.env = env;
        this.addresses = addresses;
    }

    /** The Cloudflare sandbox's environment with {@code variable} pointing at a simulator. */
    static Map<String, String> env(String variable, URI simulator) {
        Map<String, String> env = new HashMap<>(CloudflareSandbox.env());
        env.put(variable, simulator.toString());
        return env;
    }

    /** An unknown IP resolves to a closed port, as an unreachable server would. */
    static SshAddressResolver addresses(Function<String, Optional<InetSocketAddress>> simulator) {
        return (ip, port) -> simulator.apply(ip).orElse(new InetSocketAddress("127.0.0.1", 1));
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getBeanFactory().registerSingleton("appConfig", AppConfig.from(env));
        context.getBeanFactory().registerSingleton("clock", CloudflareSandbox.CLOCK);
        context.getBeanFactory().registerSingleton("sshAddressResolver", addresses);
    }
}
