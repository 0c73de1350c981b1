package dev.xanthus.api.testing;

import dev.xanthus.core.dns.OriginCaRoot;
import java.net.URI;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@link HetznerSandbox}'s simulators with the API's Cloudflare and Hetzner base URLs pointing elsewhere (a validating
 * proxy in front of each), and the Cloudflare simulator's Origin CA root, so domains can be configured.
 */
public final class ProxiedSandbox extends ProviderSandbox {

    private final OriginCaRoot root = OriginCaRoot.of(CloudflareSandbox.SIM.originCaCertificatePem());

    public ProxiedSandbox(URI cloudflare, URI hetzner) {
        super(env(cloudflare, hetzner), addresses(HetznerSandbox.SIM::sshAddress));
    }

    private static Map<String, String> env(URI cloudflare, URI hetzner) {
        Map<String, String> env = env("HETZNER_API_BASE", hetzner);
        env.put("CLOUDFLARE_API_BASE", cloudflare.toString());
        return env;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        super.initialize(context);
        context.getBeanFactory().registerSingleton("originCaRoot", root);
    }
}
