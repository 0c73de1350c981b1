package dev.xanthus.api.vps;

import dev.xanthus.clients.ssh.SshConnector;
import dev.xanthus.clients.ssh.SshjConnector;
import dev.xanthus.core.server.ServerShell;
import dev.xanthus.core.server.SshAddressResolver;
import java.time.Clock;
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
    return SshjConnector.create();
  }

  @Bean
  ServerShell serverShell(SshConnector ssh, SshAddressResolver addresses, Clock clock) {
    return new ServerShell(ssh, addresses, clock);
  }
}
