package dev.xanthus.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xanthus.core.testing.TestEnv;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppConfigTest {

    private static Map<String, String> valid() {
        return new HashMap<>(TestEnv.base("http://127.0.0.1:8000", "xanthus"));
    }

    @Test
    void from_shouldReadEveryValue_whenEnvironmentIsComplete() {
        Map<String, String> env = valid();
        env.put("SESSION_TTL", "PT2H");
        env.put("ALLOWED_ORIGINS", "http://127.0.0.1:8080, http://localhost:8080");

        AppConfig config = AppConfig.from(env);

        assertThat(config.tableName()).isEqualTo("xanthus");
        assertThat(config.mode()).isEqualTo(AppConfig.Mode.SANDBOX);
        assertThat(config.sessionTtl()).isEqualTo(Duration.ofHours(2));
        assertThat(config.dynamoEndpoint())
                .hasValueSatisfying(u -> assertThat(u.getPort()).isEqualTo(8000));
        assertThat(config.cloudflareApi().toString()).isEqualTo(AppConfig.DEFAULT_CLOUDFLARE_API);
        assertThat(config.allowedOrigins()).containsExactly("http://127.0.0.1:8080", "http://localhost:8080");
    }

    @Test
    void from_shouldNameEveryMissingOrMalformedVariable() {
        Map<String, String> env = valid();
        env.remove("TABLE_NAME");
        env.put("DYNAMODB_ENDPOINT", "not a url");
        env.put("SESSION_TTL", "24 hours");
        env.put("XANTHUS_MODE", "production");

        assertThatThrownBy(() -> AppConfig.from(env))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TABLE_NAME is required")
                .hasMessageContaining("DYNAMODB_ENDPOINT is malformed")
                .hasMessageContaining("SESSION_TTL is malformed")
                .hasMessageContaining("XANTHUS_MODE is malformed");
    }

    @Test
    void from_shouldRefuse_whenBothOrNeitherDataKeyIsSet() {
        Map<String, String> neither = valid();
        neither.remove("DATA_KEY");
        Map<String, String> both = valid();
        both.put("DATA_KEY_CIPHERTEXT", "AAAA");

        assertThatThrownBy(() -> AppConfig.from(neither)).hasMessageContaining("DATA_KEY");
        assertThatThrownBy(() -> AppConfig.from(both)).hasMessageContaining("set exactly one");
    }

    @Test
    void toString_shouldNotRevealSecrets() {
        AppConfig config = AppConfig.from(valid());

        assertThat(config.toString()).doesNotContain(TestEnv.DATA_KEY).doesNotContain("\"d\"");
        assertThat(config.dataKey().toString()).doesNotContain(TestEnv.DATA_KEY);
    }
}
