package dev.xanthus.api.dns;

import dev.xanthus.core.config.AppConfig;
import dev.xanthus.core.dns.DomainService;
import dev.xanthus.core.dns.OriginCaRoot;
import dev.xanthus.core.lock.Leases;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/** The dns function's services. The Origin CA root is checked at start-up: real mode refuses to start without it. */
@Configuration(proxyBeanMethods = false)
public class DnsBeans {

  /**
   * Real mode: Cloudflare's root bundled in the jar, or the cold start fails naming the missing resource. Sandbox
   * mode: none unless the local stack (or a test) registers the simulator's root as {@code originCaRoot}; configuring
   * a domain then fails at step 3 and rolls back.
   */
  @Bean
  @Lazy(false)
  @ConditionalOnMissingBean
  OriginCaRoot originCaRoot(AppConfig config) {
    return config.mode() == AppConfig.Mode.REAL ? OriginCaRoot.bundled()
        : OriginCaRoot.unavailable("sandbox mode without the simulator's Origin CA root");
  }

  @Bean
  DomainService domainService(OriginCaRoot originCaRoot, Leases leases, Clock clock) {
    return new DomainService(originCaRoot, leases, clock);
  }
}
