package dev.xanthus.api.vps;

import dev.xanthus.clients.hetzner.HttpHetznerClient;
import dev.xanthus.clients.http.JsonHttp;
import dev.xanthus.clients.http.RetryAdvice;
import dev.xanthus.clients.ssh.SshConnector;
import dev.xanthus.clients.ssh.SshjConnector;
import dev.xanthus.core.auth.AuthService;
import dev.xanthus.core.config.AppConfig;
import dev.xanthus.core.server.HetznerKeys;
import dev.xanthus.core.server.ServerCatalog;
import dev.xanthus.core.server.ServerCleanup;
import dev.xanthus.core.server.ServerService;
import dev.xanthus.core.server.ServerShell;
import dev.xanthus.core.server.SshAddressResolver;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The vps function's services: Hetzner with the user's key, SSH with pinned host keys. */
@Configuration(proxyBeanMethods = false)
public class VpsBeans {

  /** The transport and base URL, shared; each request binds the user's key with {@code withToken}. */
  @Bean
  HttpHetznerClient hetznerTransport(AppConfig config) {
    return new HttpHetznerClient(JsonHttp.create(RetryAdvice.rateLimitReset()), config.hetznerApi(), "");
  }

  @Bean
  HetznerKeys hetznerKeys(HttpHetznerClient hetznerTransport) {
    return new HetznerKeys(hetznerTransport::withToken);
  }

  @Bean
  ServerService serverService(HetznerKeys keys, AuthService auth, Clock clock) {
    return new ServerService(keys, new ServerCatalog(), new ServerCleanup(auth), clock);
  }

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
