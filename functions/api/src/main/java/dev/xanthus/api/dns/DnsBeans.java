package dev.xanthus.api.dns;

import dev.xanthus.clients.cloudflare.CloudflareClient;
import dev.xanthus.core.config.AppConfig;
import dev.xanthus.core.dns.DomainService;
import dev.xanthus.core.dns.OriginCaRoot;
import dev.xanthus.core.dns.OriginCaRootHealth;
import dev.xanthus.core.health.HealthCheck;
import dev.xanthus.core.lock.Leases;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The dns function's services. The Origin CA root is checked at start-up; a missing or wrong one never stops the
 * function (or the local stack): configuring a domain then answers 503 naming why, and {@code /health} says so.
 */
@Configuration(proxyBeanMethods = false)
public class DnsBeans {

    private static final Logger log = LoggerFactory.getLogger(DnsBeans.class);

    /**
     * Real mode: Cloudflare's root bundled in the jar. Sandbox mode: none unless the local stack (or a test) registers
     * the simulator's root as {@code originCaRoot}.
     */
    @Bean
    @Lazy(false)
    @ConditionalOnMissingBean
    OriginCaRoot originCaRoot(AppConfig config) {
        if (config.mode() != AppConfig.Mode.REAL) {
            return OriginCaRoot.unavailable("sandbox mode without the simulator's Origin CA root");
        }
        try {
            return OriginCaRoot.bundled();
        } catch (IllegalStateException e) {
            log.error("Configuring domains is switched off: {}", e.getMessage());
            return OriginCaRoot.unavailable(e.getMessage());
        }
    }

    @Bean
    HealthCheck originCaRootHealth(OriginCaRoot originCaRoot, Clock clock) {
        OriginCaRootHealth health = new OriginCaRootHealth(originCaRoot, clock);
        health.detail().ifPresent(detail -> log.warn("{}", detail));
        return health;
    }

    @Bean
    DomainService domainService(CloudflareClient cloudflare, OriginCaRoot originCaRoot, Leases leases, Clock clock) {
        return new DomainService(cloudflare, originCaRoot, leases, clock);
    }
}
