package dev.xanthus.relay;

import dev.xanthus.core.config.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The relay's settings, read once from the environment ({@code RELAY_*}); every one has a default. */
public record RelayConfig(
        String host,
        int port,
        List<String> allowedOrigins,
        Duration authTimeout,
        Duration sshConnectTimeout,
        Duration heartbeat,
        Duration idleTimeout,
        Duration resumeGrace,
        int resumeBufferBytes,
        int maxSessionsPerAccount,
        Path recordingsDir,
        Duration stateFlushInterval,
        Duration terminatePollInterval,
        Duration shutdownGrace,
        Duration preAuthTimeout,
        int preAuthPerAddress,
        int trustedProxyHops) {

    public static final int MAX_FRAME_BYTES = 64 * 1024;
    /** A socket that has not authenticated by then is closed (issue 19: half-open handshakes were held 75 s). */
    public static final Duration MAX_PREAUTH_TIMEOUT = Duration.ofSeconds(10);

    public RelayConfig {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    public static RelayConfig defaults() {
        return from(Map.of());
    }

    public static RelayConfig from(Map<String, String> env) {
        List<String> errors = new ArrayList<>();
        Reader r = new Reader(env, errors);
        RelayConfig config = new RelayConfig(
                r.get("RELAY_HOST", "127.0.0.1", s -> s),
                r.get("RELAY_PORT", "8081", Integer::parseInt),
                // ALLOWED_ORIGINS is the name the API functions and the CDK stack share; the relay's own name wins when
                // set.
                r.get(
                        "RELAY_ALLOWED_ORIGINS",
                        env.getOrDefault("ALLOWED_ORIGINS", "http://127.0.0.1:8080,http://localhost:8080"),
                        s -> List.of(s.split(",")).stream()
                                .map(String::trim)
                                .filter(o -> !o.isEmpty())
                                .toList()),
                r.get("RELAY_AUTH_TIMEOUT", "PT5S", Duration::parse),
                r.get("RELAY_SSH_CONNECT_TIMEOUT", "PT10S", Duration::parse),
                r.get("RELAY_HEARTBEAT", "PT30S", Duration::parse),
                r.get("RELAY_IDLE_TIMEOUT", "PT30M", Duration::parse),
                r.get("RELAY_RESUME_GRACE", "PT60S", Duration::parse),
                r.get("RELAY_RESUME_BUFFER_BYTES", "1048576", Integer::parseInt),
                r.get("RELAY_MAX_SESSIONS_PER_ACCOUNT", "10", Integer::parseInt),
                r.get("RELAY_RECORDINGS_DIR", ".xanthus/recordings", Path::of),
                r.get("RELAY_STATE_FLUSH", "PT15S", Duration::parse),
                r.get("RELAY_TERMINATE_POLL", "PT2S", Duration::parse),
                r.get("RELAY_SHUTDOWN_GRACE", "PT10S", Duration::parse),
                r.get("RELAY_PREAUTH_TIMEOUT", "PT10S", Duration::parse),
                r.get("RELAY_PREAUTH_PER_ADDRESS", "32", Integer::parseInt),
                r.get("RELAY_TRUSTED_PROXY_HOPS", "0", Integer::parseInt));
        if (!errors.isEmpty()) {
            throw new ConfigException("invalid relay configuration: " + String.join("; ", errors));
        }
        if (config.resumeBufferBytes() < MAX_FRAME_BYTES) {
            throw new ConfigException(
                    "invalid relay configuration: RELAY_RESUME_BUFFER_BYTES must be at least " + MAX_FRAME_BYTES);
        }
        if (config.preAuthTimeout().isNegative()
                || config.preAuthTimeout().isZero()
                || config.preAuthTimeout().compareTo(MAX_PREAUTH_TIMEOUT) > 0) {
            throw new ConfigException(
                    "invalid relay configuration: RELAY_PREAUTH_TIMEOUT must be more than 0 and at most "
                            + MAX_PREAUTH_TIMEOUT);
        }
        if (config.preAuthPerAddress() < 1 || config.trustedProxyHops() < 0) {
            throw new ConfigException("invalid relay configuration: RELAY_PREAUTH_PER_ADDRESS must be at least 1 and "
                    + "RELAY_TRUSTED_PROXY_HOPS at least 0");
        }
        return config;
    }

    public RelayConfig withPort(int newPort) {
        return new RelayConfig(
                host,
                newPort,
                allowedOrigins,
                authTimeout,
                sshConnectTimeout,
                heartbeat,
                idleTimeout,
                resumeGrace,
                resumeBufferBytes,
                maxSessionsPerAccount,
                recordingsDir,
                stateFlushInterval,
                terminatePollInterval,
                shutdownGrace,
                preAuthTimeout,
                preAuthPerAddress,
                trustedProxyHops);
    }

    /** Collects every malformed variable so one failed start names all of them. */
    private record Reader(Map<String, String> env, List<String> errors) {
        <T> T get(String name, String fallback, Function<String, T> parse) {
            String raw = Optional.ofNullable(env.get(name))
                    .filter(v -> !v.isBlank())
                    .orElse(fallback)
                    .trim();
            try {
                return parse.apply(raw);
            } catch (RuntimeException e) {
                errors.add(name + " is malformed");
                return parse.apply(fallback);
            }
        }
    }
}
