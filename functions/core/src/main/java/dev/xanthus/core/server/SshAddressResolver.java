package dev.xanthus.core.server;

import java.net.InetSocketAddress;

/**
 * Where a server's SSH daemon is reached from here. In real mode that is its public address; the sandbox maps the
 * simulated public IPs to local ports.
 */
@FunctionalInterface
public interface SshAddressResolver {

    InetSocketAddress resolve(String publicIp, int port);

    static SshAddressResolver direct() {
        return InetSocketAddress::createUnresolved;
    }
}
