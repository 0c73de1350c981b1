package dev.xanthus.api.testing;

import dev.xanthus.core.server.SshAddressResolver;
import dev.xanthus.sandbox.oci.OciSimulator;
import dev.xanthus.sandbox.ssh.SandboxServers;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The Cloudflare sandbox plus a fast OCI simulator (signature-checking, generous limits) whose instances are real SSH
 * servers on 127.0.0.1.
 */
public final class OciSandbox extends ProviderSandbox {

    public static final OciSimulator SIM = OciSimulator.start(OciSimulator.Config.defaults()
            .withPort(0)
            .withTimings(OciSimulator.Timings.uniform(Duration.ofMillis(200)))
            .withLimits(OciSimulator.Limits.generous())
            .withSandbox(SandboxServers.Config.instant()));
    private static final SshAddressResolver ADDRESSES = addresses(SIM::sshAddress);

    public OciSandbox() {
        super(env(), ADDRESSES);
    }

    public static Map<String, String> env() {
        return env("OCI_API_BASE", SIM.baseUri());
    }

    /** The body of {@code PUT /api/v1/settings/oci} with the simulator's sandbox user and API key (a fresh map). */
    public static Map<String, Object> credentials() {
        Map<String, Object> body = new HashMap<>();
        body.put("tenancy", OciSimulator.SANDBOX_TENANCY);
        body.put("user", OciSimulator.SANDBOX_USER);
        body.put("fingerprint", SIM.sandboxKey().fingerprint());
        body.put("region", SIM.region());
        body.put("private_key", SIM.sandboxKey().privateKeyPem());
        return body;
    }
}
