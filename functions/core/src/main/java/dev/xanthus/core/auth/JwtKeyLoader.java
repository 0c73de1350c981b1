package dev.xanthus.core.auth;

import com.nimbusds.jose.jwk.ECKey;
import dev.xanthus.core.config.AppConfig;
import dev.xanthus.core.config.ConfigException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Resolves the signing key once at start-up: from the environment locally, from Secrets Manager in the cloud. */
public final class JwtKeyLoader {

    private JwtKeyLoader() {}

    public static ECKey load(AppConfig config) {
        if (config.jwtKey() instanceof AppConfig.JwtKeySource.Plain plain) {
            return JwtKeys.parsePrivate(plain.jwk(), "JWT_PRIVATE_JWK");
        }
        AppConfig.JwtKeySource.SecretsManager source = (AppConfig.JwtKeySource.SecretsManager) config.jwtKey();
        var builder = SecretsManagerClient.builder()
                .region(Region.of(config.region()))
                .httpClient(UrlConnectionHttpClient.create());
        source.endpoint().ifPresent(builder::endpointOverride);
        try (SecretsManagerClient client = builder.build()) {
            String jwk =
                    client.getSecretValue(b -> b.secretId(source.secretArn())).secretString();
            return JwtKeys.parsePrivate(jwk, "the secret named by JWT_SECRET_ARN");
        } catch (SdkException e) {
            throw new ConfigException(
                    "JWT_SECRET_ARN cannot be read: " + e.getClass().getSimpleName());
        }
    }
}
