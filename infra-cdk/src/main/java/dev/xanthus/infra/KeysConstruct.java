package dev.xanthus.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awscdk.CustomResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.constructs.Construct;

/**
 * The keys, none of which ever appears in a template or an environment variable in clear: a KMS key wrapping the
 * AES data key ({@code DATA_KEY_CIPHERTEXT}), and a Secrets Manager secret holding the ES256 private JWK
 * ({@code JWT_SECRET_ARN}). Both are generated at deploy time by a small custom resource
 * ({@code keys-provider.js}), the only principal that may write the secret or generate data keys.
 */
public final class KeysConstruct extends Construct {

    public static final String PROVIDER_SOURCE = "keys-provider.js";
    public static final String ORIGIN_VERIFY_HEADER = "X-Xanthus-Origin-Verify";

    private final Key key;
    private final Secret jwtSecret;
    private final CustomResource generated;

    public KeysConstruct(Construct scope, String id, RetentionDays retention) {
        super(scope, id);
        key = Key.Builder.create(this, "DataKeyWrapper")
                .description("Xanthus: wraps the AES data key that seals session secrets")
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        jwtSecret = Secret.Builder.create(this, "JwtSigningKey")
                .description("Xanthus: ES256 private JWK that signs session tokens (written by the key generator)")
                .build();

        LogGroup logs = LogGroup.Builder.create(this, "GeneratorLogs")
                .retention(retention)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        Function generator = Function.Builder.create(this, "Generator")
                .description("Xanthus: generates the data key, the JWT signing key and the origin token at deploy time")
                .runtime(Runtime.NODEJS_22_X)
                .handler("index.handler")
                .code(Code.fromInline(providerSource()))
                .memorySize(256)
                .timeout(Duration.seconds(60))
                .logGroup(logs)
                .role(LambdaRoles.forLogGroup(this, "GeneratorRole", logs))
                .build();
        key.grant(generator, "kms:GenerateDataKeyWithoutPlaintext");
        jwtSecret.grantWrite(generator);

        generated = CustomResource.Builder.create(this, "Generated")
                .resourceType("Custom::XanthusKeys")
                .serviceToken(generator.getFunctionArn())
                // Changing Generation rotates every key (and signs every user out).
                .properties(Map.of("KeyId", key.getKeyArn(), "SecretId", jwtSecret.getSecretArn(), "Generation", "1"))
                .build();
    }

    /** Lets a function or task read the keys: decrypt the data key and read the signing key. */
    public void grantRead(IGrantable grantee) {
        key.grantDecrypt(grantee);
        jwtSecret.grantRead(grantee);
    }

    /** The environment every function and the relay read their keys from. */
    public Map<String, String> environment() {
        return Map.of(
                "DATA_KEY_CIPHERTEXT", dataKeyCiphertext(),
                "JWT_SECRET_ARN", jwtSecret.getSecretArn());
    }

    public String dataKeyCiphertext() {
        return generated.getAttString("DataKeyCiphertext");
    }

    /** The public half of the signing key, as a JWK: not secret, enough for the relay to verify tokens. */
    public String jwtPublicJwk() {
        return generated.getAttString("JwtPublicJwk");
    }

    /** A random token CloudFront sends to the relay's load balancer, which refuses requests without it. */
    public String originVerify() {
        return generated.getAttString("OriginVerify");
    }

    public Key key() {
        return key;
    }

    public Secret jwtSecret() {
        return jwtSecret;
    }

    static String providerSource() {
        try (InputStream in = KeysConstruct.class.getResourceAsStream("/" + PROVIDER_SOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
