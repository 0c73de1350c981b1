package dev.xanthus.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xanthus.core.config.ConfigException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RelayConfigTest {

    @Test
    void defaults_shouldMatchTheDocumentedValues() {
        RelayConfig c = RelayConfig.defaults();

        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(8081);
        assertThat(c.allowedOrigins()).containsExactly("http://127.0.0.1:8080", "http://localhost:8080");
        assertThat(c.authTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.resumeGrace()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.resumeBufferBytes()).isEqualTo(1024 * 1024);
        assertThat(c.maxSessionsPerAccount()).isEqualTo(10);
        assertThat(c.idleTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.preAuthTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.preAuthPerAddress()).isEqualTo(32);
        assertThat(c.trustedProxyHops()).isZero();
    }

    @Test
    void from_shouldRefuseAPreAuthDeadlineOverTenSeconds_orANonPositiveCap() {
        assertThatThrownBy(() -> RelayConfig.from(Map.of("RELAY_PREAUTH_TIMEOUT", "PT11S")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("RELAY_PREAUTH_TIMEOUT");
        assertThatThrownBy(() -> RelayConfig.from(Map.of("RELAY_PREAUTH_TIMEOUT", "PT0S")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("RELAY_PREAUTH_TIMEOUT");
        assertThatThrownBy(() -> RelayConfig.from(Map.of("RELAY_PREAUTH_PER_ADDRESS", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("RELAY_PREAUTH_PER_ADDRESS");
        assertThat(RelayConfig.from(Map.of("RELAY_PREAUTH_TIMEOUT", "PT2S"))
                        .withPort(0)
                        .preAuthTimeout())
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void allowedOrigins_shouldBeTheSharedAllowedOrigins_asTheStackSetsThem_unlessTheRelaysOwnNameIsSet() {
        assertThat(RelayConfig.from(Map.of("ALLOWED_ORIGINS", "https://d1.cloudfront.net"))
                        .allowedOrigins())
                .containsExactly("https://d1.cloudfront.net");
        assertThat(RelayConfig.from(Map.of(
                                "ALLOWED_ORIGINS",
                                "https://d1.cloudfront.net",
                                "RELAY_ALLOWED_ORIGINS",
                                "https://a.example, https://b.example"))
                        .allowedOrigins())
                .containsExactly("https://a.example", "https://b.example");
    }

    @Test
    void from_shouldNameEveryMalformedVariable() {
        assertThatThrownBy(() -> RelayConfig.from(Map.of("RELAY_PORT", "eighty", "RELAY_AUTH_TIMEOUT", "5s")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("RELAY_PORT")
                .hasMessageContaining("RELAY_AUTH_TIMEOUT");
    }
}
