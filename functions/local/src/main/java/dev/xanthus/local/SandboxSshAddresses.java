package dev.xanthus.local;

import dev.xanthus.core.server.SshAddressResolver;
import dev.xanthus.sandbox.hetzner.HetznerSimulator;
import java.net.InetSocketAddress;

/** Sandbox mode: a simulated server's public IP is its sshd on 127.0.0.1, at the port the simulator gave it. */
public record SandboxSshAddresses(HetznerSimulator hetzner) implements SshAddressResolver {

  /** Port 1 on loopback refuses at once: an unknown address fails fast instead of waiting out a connect timeout. */
  private static final InetSocketAddress NOWHERE = new InetSocketAddress("127.0.0.1", 1);

  @Override
  public InetSocketAddress resolve(String publicIp, int port) {
    return hetzner.sshAddress(publicIp).orElse(NOWHERE);
  }
}
