package dev.xanthus.local;

import dev.xanthus.core.server.SshAddressResolver;
import dev.xanthus.sandbox.hetzner.HetznerSimulator;
import dev.xanthus.sandbox.oci.OciSimulator;
import java.net.InetSocketAddress;

/**
 * Sandbox mode: a simulated server's public IP is its sshd on 127.0.0.1, at the port the simulator gave it. Hetzner
 * and OCI sandbox servers take their IPs from different ranges; an OCI instance resolves only while its network
 * (route to an internet gateway, security list admitting the port) would let the connection in.
 */
public record SandboxSshAddresses(HetznerSimulator hetzner, OciSimulator oci) implements SshAddressResolver {

    /** Port 1 on loopback refuses at once: an unknown address fails fast instead of waiting out a connect timeout. */
    private static final InetSocketAddress NOWHERE = new InetSocketAddress("127.0.0.1", 1);

    @Override
    public InetSocketAddress resolve(String publicIp, int port) {
        return hetzner.sshAddress(publicIp)
                .or(() -> oci == null ? java.util.Optional.empty() : oci.sshAddress(publicIp, port))
                .orElse(NOWHERE);
    }
}
