package dev.xanthus.api.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xanthus.api.function.DnsFunction;
import dev.xanthus.core.config.AppConfig;
import dev.xanthus.core.dns.OriginCaRoot;
import dev.xanthus.core.testing.TestEnv;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Real mode must not run with a missing or placeholder Origin CA root: the dns function's cold start fails. */
class DnsFunctionStartupTest {

  @Test
  void dnsFunction_shouldRefuseToStartInRealMode_whenCloudflaresRootIsNotBundled() {
    Map<String, String> env = new HashMap<>(TestEnv.base("http://127.0.0.1:9", "unused"));
    env.put("XANTHUS_MODE", "real");
    SpringApplicationBuilder dns = new SpringApplicationBuilder(DnsFunction.class).web(WebApplicationType.NONE)
        .initializers(ctx -> ctx.getBeanFactory().registerSingleton("appConfig", AppConfig.from(env)));

    if (OriginCaRoot.class.getClassLoader().getResource(OriginCaRoot.RESOURCE) == null) {
      assertThatThrownBy(dns::run).rootCause()
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("Origin CA RSA root is not bundled");
    } else {
      try (ConfigurableApplicationContext context = dns.run()) {
        assertThat(context.getBean(OriginCaRoot.class).pem()).contains("BEGIN CERTIFICATE");
      }
    }
  }
}
