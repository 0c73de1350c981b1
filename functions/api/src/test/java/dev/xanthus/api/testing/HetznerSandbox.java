package dev.xanthus.api.testing;

import dev.xanthus.core.server.SshAddressResolver;
import dev.xanthus.sandbox.hetzner.HetznerSimulator;
import dev.xanthus.sandbox.ssh.SandboxServers;
import java.time.Duration;
import java.util.Map;

/** The Cloudflare sandbox plus a fast Hetzner simulator whose servers are real SSH servers on 127.0.0.1. */
public final class HetznerSandbox extends ProviderSandbox {

    public static final HetznerSimulator SIM = HetznerSimulator.start(HetznerSimulator.Config.defaults()
            .withPort(0)
            .withTimings(HetznerSimulator.Timings.uniform(Duration.ofMillis(150)))
            .withSandbox(SandboxServers.Config.instant()));
    private static final SshAddressResolver ADDRESSES = addresses(SIM::sshAddress);

    public HetznerSandbox() {
        super(env(), ADDRESSES);
    }

    public static Map<String, String> env() {
        return env("HETZNER_API_BASE", SIM.baseUri());
    }
}
