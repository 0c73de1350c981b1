package dev.xanthus.api.vps;

import dev.xanthus.clients.ssh.SshConnector;
import dev.xanthus.clients.ssh.SshjConnector;
import dev.xanthus.core.metrics.ServerMetrics;
import dev.xanthus.core.server.OciServers;
import dev.xanthus.core.server.ServerAccess;
import dev.xanthus.core.server.ServerDirectory;
import dev.xanthus.core.server.ServerHealth;
import dev.xanthus.core.server.SshAddressResolver;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** SSH access to the user's servers, shared by the vps and terminal functions. */
@Configuration(proxyBeanMethods = false)
public class ServerAccessBeans {

    /** The real address of a server; the local stack and tests register the sandbox's mapping instead. */
    @Bean
    @ConditionalOnMissingBean
    SshAddressResolver sshAddressResolver() {
        return SshAddressResolver.direct();
    }

    @Bean
    SshConnector sshConnector() {
        return SshjConnector.requestPath();
    }

    /** With Oracle Cloud in the context (the vps function), addresses OCI assigns after a create are looked up. */
    @Bean
    ServerAccess serverAccess(
            SshConnector ssh, SshAddressResolver addresses, ServerDirectory directory, ObjectProvider<OciServers> oci) {
        OciServers servers = oci.getIfAvailable();
        return servers == null
                ? new ServerAccess(ssh, addresses, directory)
                : new ServerAccess(ssh, addresses, directory, servers::refreshAddress);
    }

    /** Status, logs and time zone over that access (the vps function's shell routes). */
    @Bean
    ServerHealth serverHealth(ServerAccess access, ServerDirectory directory, Clock clock) {
        return new ServerHealth(access, directory, clock);
    }

    /** A server's sysstat records over that access (the vps function's metrics route). */
    @Bean
    ServerMetrics serverMetrics(ServerAccess access) {
        return new ServerMetrics(access);
    }
}
