package dev.xanthus.core.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the functions read from their environment, parsed once at start-up.
 * A missing or malformed value fails start-up with the variable's name, never later on a request.
 */
public record AppConfig(
        String version,
        Mode mode,
        String region,
        Optional<URI> dynamoEndpoint,
        Duration dynamoCallTimeout,
        String tableName,
        String jwtIssuer,
        String jwtAudience,
        Duration sessionTtl,
        JwtKeySource jwtKey,
        DataKeySource dataKey,
        URI cloudflareApi,
        URI hetznerApi,
        Optional<URI> ociApi,
        URI githubApi,
        Optional<URI> helmIndexMirror,
        Optional<String> deployWorkerFunction,
        String relayPublicUrl,
        int terminalLiveLimit,
        Optional<java.nio.file.Path> recordingsDir,
        List<String> allowedOrigins) {

    /** A DynamoDB call, retries included: short enough that an outage is a 503 within 2 s (see Dynamo). */
    public static final Duration DEFAULT_DYNAMODB_CALL_TIMEOUT = Duration.ofMillis(1500);

    /** Where provider calls go: real Cloudflare and Hetzner, or the local simulators. */
    public enum Mode {
        REAL,
        SANDBOX
    }

    /** Where the ES256 signing key (a private JWK) comes from. */
    public sealed interface JwtKeySource {
        /** The JWK itself (the local stack reads it from its state folder). */
        record Plain(String jwk) implements JwtKeySource {
            @Override
            public String toString() {
                return "Plain[redacted]";
            }
        }

        /** A Secrets Manager secret whose SecretString is the JWK, read once at start-up. */
        record SecretsManager(String secretArn, Optional<URI> endpoint) implements JwtKeySource {}
    }

    /** Where the AES data key that seals session secrets comes from. */
    public sealed interface DataKeySource {
        /** Base64 of 32 raw bytes, given directly (the local stack reads it from its state folder). */
        record Plain(String base64) implements DataKeySource {
            @Override
            public String toString() {
                return "Plain[redacted]";
            }
        }

        /** A KMS-encrypted data key (the CiphertextBlob of GenerateDataKey), decrypted once at start-up. */
        record Kms(String ciphertextBase64, Optional<URI> endpoint) implements DataKeySource {}
    }

    public static final String DEFAULT_CLOUDFLARE_API = "https://api.cloudflare.com/client/v4";
    public static final String DEFAULT_HETZNER_API = "https://api.hetzner.cloud/v1";
    public static final String DEFAULT_GITHUB_API = "https://api.github.com";

    /** Reads the process environment, with JVM system properties of the same names taking precedence. */
    public static AppConfig fromSystem() {
        Map<String, String> env = new HashMap<>(System.getenv());
        System.getProperties().forEach((k, v) -> {
            String key = k.toString();
            if (key.equals(key.toUpperCase()) && key.matches("[A-Z][A-Z0-9_]*")) {
                env.put(key, v.toString());
            }
        });
        return from(env);
    }

    public static AppConfig from(Map<String, String> env) {
        Reader r = new Reader(env);
        AppConfig config = new AppConfig(
                r.optional("XANTHUS_VERSION").orElseGet(AppConfig::bundledVersion),
                r.optional("XANTHUS_MODE")
                        .map(v -> r.parse("XANTHUS_MODE", v, s -> Mode.valueOf(s.toUpperCase())))
                        .orElse(Mode.REAL),
                r.optional("AWS_REGION").orElse("us-east-1"),
                r.optional("DYNAMODB_ENDPOINT").map(v -> r.uri("DYNAMODB_ENDPOINT", v)),
                r.optional("DYNAMODB_CALL_TIMEOUT")
                        .map(v -> r.parse("DYNAMODB_CALL_TIMEOUT", v, Duration::parse))
                        .orElse(DEFAULT_DYNAMODB_CALL_TIMEOUT),
                r.required("TABLE_NAME"),
                r.optional("JWT_ISSUER").orElse("xanthus"),
                r.optional("JWT_AUDIENCE").orElse("xanthus-api"),
                r.optional("SESSION_TTL")
                        .map(v -> r.parse("SESSION_TTL", v, Duration::parse))
                        .orElse(Duration.ofHours(24)),
                jwtKey(r),
                dataKey(r),
                r.uri("CLOUDFLARE_API_BASE", r.optional("CLOUDFLARE_API_BASE").orElse(DEFAULT_CLOUDFLARE_API)),
                r.uri("HETZNER_API_BASE", r.optional("HETZNER_API_BASE").orElse(DEFAULT_HETZNER_API)),
                r.optional("OCI_API_BASE").map(v -> r.uri("OCI_API_BASE", v)),
                r.uri("GITHUB_API_BASE", r.optional("GITHUB_API_BASE").orElse(DEFAULT_GITHUB_API)),
                r.optional("HELM_INDEX_MIRROR").map(v -> r.uri("HELM_INDEX_MIRROR", v)),
                r.optional("DEPLOY_WORKER_FUNCTION"),
                r.optional("RELAY_PUBLIC_URL").orElse("ws://127.0.0.1:8081/ws"),
                r.optional("TERMINAL_LIVE_LIMIT")
                        .map(v -> r.parse("TERMINAL_LIVE_LIMIT", v, Integer::parseInt))
                        .orElse(10),
                r.optional("RECORDINGS_DIR").map(java.nio.file.Path::of),
                r.optional("ALLOWED_ORIGINS").map(AppConfig::csv).orElse(List.of()));
        r.throwIfErrors();
        return config;
    }

    private static JwtKeySource jwtKey(Reader r) {
        Optional<String> plain = r.optional("JWT_PRIVATE_JWK");
        Optional<String> arn = r.optional("JWT_SECRET_ARN");
        if (plain.isPresent() == arn.isPresent()) {
            r.error("JWT_PRIVATE_JWK / JWT_SECRET_ARN", "set exactly one of them");
            return null;
        }
        if (plain.isPresent()) {
            return new JwtKeySource.Plain(plain.get());
        }
        return new JwtKeySource.SecretsManager(
                arn.get(), r.optional("SECRETS_MANAGER_ENDPOINT").map(v -> r.uri("SECRETS_MANAGER_ENDPOINT", v)));
    }

    private static DataKeySource dataKey(Reader r) {
        Optional<String> plain = r.optional("DATA_KEY");
        Optional<String> kms = r.optional("DATA_KEY_CIPHERTEXT");
        if (plain.isPresent() == kms.isPresent()) {
            r.error("DATA_KEY / DATA_KEY_CIPHERTEXT", "set exactly one of them");
            return null;
        }
        if (plain.isPresent()) {
            return new DataKeySource.Plain(plain.get());
        }
        return new DataKeySource.Kms(kms.get(), r.optional("KMS_ENDPOINT").map(v -> r.uri("KMS_ENDPOINT", v)));
    }

    private static List<String> csv(String value) {
        return List.of(value.split(",")).stream()
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static String bundledVersion() {
        Package pkg = AppConfig.class.getPackage();
        String v = pkg == null ? null : pkg.getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String toString() {
        return "AppConfig[version=" + version + ", mode=" + mode + ", region=" + region + ", table=" + tableName
                + ", dynamoEndpoint=" + dynamoEndpoint.map(URI::toString).orElse("aws") + "]";
    }

    /** Collects every problem so one failed start names all the bad variables at once. */
    private static final class Reader {
        private final Map<String, String> env;
        private final List<String> errors = new ArrayList<>();

        Reader(Map<String, String> env) {
            this.env = env;
        }

        Optional<String> optional(String name) {
            String v = env.get(name);
            return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
        }

        String required(String name) {
            Optional<String> v = optional(name);
            if (v.isEmpty()) {
                error(name, "is required");
                return null;
            }
            return v.get();
        }

        URI uri(String name, String value) {
            return parse(name, value, s -> {
                URI uri = URI.create(s);
                if (uri.getScheme() == null
                        || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                        || uri.getHost() == null) {
                    throw new IllegalArgumentException("not an http(s) URL");
                }
                return uri;
            });
        }

        <T> T parse(String name, String value, java.util.function.Function<String, T> parser) {
            try {
                return parser.apply(value);
            } catch (RuntimeException e) {
                error(name, "is malformed");
                return null;
            }
        }

        void error(String name, String problem) {
            errors.add(name + " " + problem);
        }

        void throwIfErrors() {
            if (!errors.isEmpty()) {
                throw new ConfigException("invalid configuration: " + String.join("; ", errors));
            }
        }
    }
}
