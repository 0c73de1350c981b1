package dev.xanthus.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.ECKey;
import com.sun.net.httpserver.HttpServer;
import dev.xanthus.core.config.AppConfig;
import dev.xanthus.core.config.ConfigException;
import dev.xanthus.core.testing.TestEnv;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The signing key from Secrets Manager, over its JSON 1.1 wire protocol, as the deployed functions read it. */
class JwtKeyLoaderTest {

    private static final String ARN = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:xanthus-jwt-AbCdEf";

    private static HttpServer secretsManager(int status, String secretString, AtomicReference<String> seen)
            throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            seen.set(exchange.getRequestHeaders().getFirst("X-Amz-Target") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = status == 200
                    ? new ObjectMapper()
                            .writeValueAsBytes(Map.of(
                                    "ARN",
                                    ARN,
                                    "Name",
                                    "xanthus-jwt",
                                    "SecretString",
                                    secretString,
                                    "VersionId",
                                    "v1",
                                    "VersionStages",
                                    new String[] {"AWSCURRENT"},
                                    "CreatedDate",
                                    1.7e9))
                    : "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Secrets Manager can't find the specified secret.\"}"
                            .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static AppConfig config(HttpServer server) {
        Map<String, String> env = new HashMap<>(TestEnv.base("http://127.0.0.1:1", "t"));
        env.remove("JWT_PRIVATE_JWK");
        env.put("JWT_SECRET_ARN", ARN);
        env.put(
                "SECRETS_MANAGER_ENDPOINT",
                "http://127.0.0.1:" + server.getAddress().getPort());
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        return AppConfig.from(env);
    }

    @Test
    void load_shouldReadTheJwkFromSecretsManager() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        HttpServer server = secretsManager(200, TestEnv.JWT_KEY.toJSONString(), seen);
        try {
            ECKey key = JwtKeyLoader.load(config(server));

            assertThat(key.toJSONString()).isEqualTo(TestEnv.JWT_KEY.toJSONString());
            assertThat(seen.get()).startsWith("secretsmanager.GetSecretValue").contains(ARN);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void load_shouldFailStartUpNamingTheVariable_whenTheSecretIsMissingOrNotAKey() throws Exception {
        HttpServer missing = secretsManager(400, null, new AtomicReference<>());
        HttpServer garbage = secretsManager(200, "not a jwk", new AtomicReference<>());
        try {
            assertThatThrownBy(() -> JwtKeyLoader.load(config(missing)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("JWT_SECRET_ARN");
            assertThatThrownBy(() -> JwtKeyLoader.load(config(garbage)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("JWT_SECRET_ARN")
                    .hasMessageNotContaining("not a jwk");
        } finally {
            missing.stop(0);
            garbage.stop(0);
        }
    }

    @Test
    void config_shouldRequireExactlyOneKeySource() {
        Map<String, String> both = new HashMap<>(TestEnv.base("http://127.0.0.1:1", "t"));
        both.put("JWT_SECRET_ARN", ARN);

        assertThatThrownBy(() -> AppConfig.from(both)).hasMessageContaining("JWT_PRIVATE_JWK / JWT_SECRET_ARN");
    }
}
