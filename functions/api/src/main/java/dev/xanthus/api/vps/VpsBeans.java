package dev.xanthus.api.vps;

import dev.xanthus.clients.hetzner.HttpHetznerClient;
import dev.xanthus.clients.http.JsonHttp;
import dev.xanthus.clients.http.RetryAdvice;
import dev.xanthus.core.auth.AuthService;
import dev.xanthus.core.config.AppConfig;
import dev.xanthus.core.server.HetznerKeys;
import dev.xanthus.core.server.ServerCatalog;
import dev.xanthus.core.server.ServerCleanup;
import dev.xanthus.core.server.ServerService;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The vps function's services: Hetzner with the user's key, SSH with pinned host keys. */
@Configuration(proxyBeanMethods = false)
@Import(ServerAccessBeans.class)
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
}
