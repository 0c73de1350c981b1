package dev.xanthus.api.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xanthus.api.function.DnsFunction;
import dev.xanthus.core.config.AppConfig;
import dev.xanthus.core.dns.OriginCaRoot;
import dev.xanthus.core.health.HealthCheck;
import dev.xanthus.core.testing.TestEnv;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Real mode starts the dns function with Cloudflare's genuine root from the jar (it refused to start without it). */
class DnsFunctionStartupTest {

    @Test
    void dnsFunction_shouldStartInRealMode_withTheBundledGenuineRoot() {
        Map<String, String> env = new HashMap<>(TestEnv.base("http://127.0.0.1:9", "unused"));
        env.put("XANTHUS_MODE", "real");
        SpringApplicationBuilder dns = new SpringApplicationBuilder(DnsFunction.class)
                .web(WebApplicationType.NONE)
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("appConfig", AppConfig.from(env)));

        try (ConfigurableApplicationContext context = dns.run()) {
            OriginCaRoot root = context.getBean(OriginCaRoot.class);
            assertThat(root.unavailableReason()).isEmpty();
            assertThat(OriginCaRoot.sha256(root.pem())).isEqualTo(OriginCaRoot.GENUINE_SHA256);
            assertThat(root.notAfter()).hasValue(Instant.parse("2029-08-15T17:00:00Z"));
            assertThat(context.getBeansOfType(HealthCheck.class).values())
                    .anySatisfy(check -> assertThat(check.name()).isEqualTo("origin_ca_root"));
        }
    }
}
