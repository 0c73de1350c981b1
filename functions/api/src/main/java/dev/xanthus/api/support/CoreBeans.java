package dev.xanthus.api.support;

import com.nimbusds.jose.jwk.ECKey;
import dev.xanthus.clients.cloudflare.CloudflareClient;
import dev.xanthus.clients.cloudflare.HttpCloudflareClient;
import dev.xanthus.core.auth.AuthService;
import dev.xanthus.core.auth.JwtIssuer;
import dev.xanthus.core.auth.JwtKeyLoader;
import dev.xanthus.core.auth.JwtVerifier;
import dev.xanthus.core.auth.SessionTokens;
import dev.xanthus.core.auth.ValidationCache;
import dev.xanthus.core.config.AppConfig;
import dev.xanthus.core.crypto.DataKeys;
import dev.xanthus.core.crypto.SecretBox;
import dev.xanthus.core.dynamo.Dynamo;
import dev.xanthus.core.dynamo.DynamoHealthCheck;
import dev.xanthus.core.health.HealthCheck;
import dev.xanthus.core.lock.DynamoLeases;
import dev.xanthus.core.lock.Leases;
import dev.xanthus.core.ratelimit.FailureThrottle;
import dev.xanthus.core.server.ServerDirectory;
import dev.xanthus.core.session.DynamoSessionRepository;
import dev.xanthus.core.session.SessionRepository;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The plain-Java singletons every function shares, built once per cold start from {@link AppConfig}. Configuration
 * and key material are eager ({@code @Lazy(false)}) so a bad environment fails the cold start, not a request.
 */
@Configuration(proxyBeanMethods = false)
public class CoreBeans {

    static final int LOGIN_FAILURES_PER_MINUTE = 10;

    @Bean
    @Lazy(false)
    @ConditionalOnMissingBean
    AppConfig appConfig() {
        return AppConfig.fromSystem();
    }

    @Bean
    @Lazy(false)
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "close")
    DynamoDbClient dynamoDbClient(AppConfig config) {
        return Dynamo.client(config);
    }

    @Bean
    @Lazy(false)
    ECKey jwtSigningKey(AppConfig config) {
        return JwtKeyLoader.load(config);
    }

    @Bean
    JwtIssuer jwtIssuer(ECKey jwtSigningKey, AppConfig config) {
        return new JwtIssuer(jwtSigningKey, config.jwtIssuer(), config.jwtAudience());
    }

    @Bean
    JwtVerifier jwtVerifier(ECKey jwtSigningKey, AppConfig config, Clock clock) {
        return new JwtVerifier(jwtSigningKey.toPublicJWK(), config.jwtIssuer(), config.jwtAudience(), clock);
    }

    @Bean
    @Lazy(false)
    SecretBox secretBox(AppConfig config) {
        return DataKeys.secretBox(config);
    }

    @Bean
    SessionRepository sessionRepository(DynamoDbClient client, AppConfig config, SecretBox box, Clock clock) {
        return new DynamoSessionRepository(client, config.tableName(), box, clock);
    }

    @Bean
    CloudflareClient cloudflareClient(AppConfig config) {
        return HttpCloudflareClient.create(config.cloudflareApi());
    }

    @Bean
    ValidationCache validationCache(DynamoDbClient client, AppConfig config, Clock clock) {
        return new ValidationCache(client, config.tableName(), clock);
    }

    @Bean
    AuthService authService(
            CloudflareClient cloudflare,
            ValidationCache cache,
            SessionRepository sessions,
            JwtIssuer issuer,
            JwtVerifier verifier,
            DynamoDbClient client,
            AppConfig config,
            Clock clock) {
        return new AuthService(
                cloudflare,
                cache,
                sessions,
                new SessionTokens(issuer, verifier, config.sessionTtl()),
                new FailureThrottle(client, config.tableName(), clock, LOGIN_FAILURES_PER_MINUTE),
                clock);
    }

    /** Leases on an account's resources: KV cannot make "check, then write" atomic across Lambda instances. */
    @Bean
    Leases leases(DynamoDbClient client, AppConfig config, Clock clock) {
        return new DynamoLeases(client, config.tableName(), clock);
    }

    /** The servers, apps and account key in the user's KV, for every function that reaches a server. */
    @Bean
    ServerDirectory serverDirectory() {
        return new ServerDirectory();
    }

    @Bean
    HealthCheck dynamoHealthCheck(DynamoDbClient client, AppConfig config) {
        return new DynamoHealthCheck(client, config.tableName());
    }
}
