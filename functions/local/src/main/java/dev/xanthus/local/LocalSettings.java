package dev.xanthus.local;

import java.nio.file.Path;
import java.util.Map;

/** The local stack's knobs, all from environment variables with documented defaults. */
public record LocalSettings(
        boolean sandbox,
        String host,
        int apiPort,
        int relayPort,
        int dynamoPort,
        int cloudflarePort,
        int hetznerPort,
        int releasesPort,
        int ociPort,
        Path stateDir,
        Path frontendDir,
        Map<String, String> providerBases) {

    /**
     * Passed through to the API in real mode only, e.g. to reach a provider through a proxy, or (in tests) to stand for
     * a provider that cannot be reached; sandbox mode points them at its simulators.
     */
    static final java.util.List<String> PROVIDER_BASES =
            java.util.List.of("CLOUDFLARE_API_BASE", "HETZNER_API_BASE", "OCI_API_BASE", "GITHUB_API_BASE");

    public static LocalSettings from(Map<String, String> env) {
        String mode = env.getOrDefault("XANTHUS_MODE", "sandbox").trim().toLowerCase(java.util.Locale.ROOT);
        if (!mode.equals("sandbox") && !mode.equals("real")) {
            throw new LocalStackException("XANTHUS_MODE is malformed: expected sandbox or real, got '" + mode + "'");
        }
        return new LocalSettings(
                mode.equals("sandbox"),
                env.getOrDefault("XANTHUS_HOST", "127.0.0.1"),
                port(env, "XANTHUS_API_PORT", 8080),
                port(env, "XANTHUS_RELAY_PORT", 8081),
                port(env, "XANTHUS_DYNAMO_PORT", 8000),
                port(env, "XANTHUS_CLOUDFLARE_PORT", 8787),
                port(env, "XANTHUS_HETZNER_PORT", 8788),
                port(env, "XANTHUS_RELEASES_PORT", 8789),
                port(env, "XANTHUS_OCI_PORT", 8790),
                stateDir(
                        Path.of(env.getOrDefault("XANTHUS_STATE_DIR", ".xanthus"))
                                .toAbsolutePath(),
                        mode.equals("sandbox")),
                Path.of(env.getOrDefault("XANTHUS_FRONTEND_DIR", "frontend/build"))
                        .toAbsolutePath(),
                providerBases(env));
    }

    private static Map<String, String> providerBases(Map<String, String> env) {
        Map<String, String> bases = new java.util.TreeMap<>();
        PROVIDER_BASES.stream()
                .filter(name -> env.get(name) != null && !env.get(name).isBlank())
                .forEach(name -> bases.put(name, env.get(name).trim()));
        return Map.copyOf(bases);
    }

    /**
     * Real mode keeps its own DynamoDB data and keys (in {@code real/} under the state folder): with one JWT key and one
     * session table, a session opened against the simulators would still be valid against the real providers.
     */
    private static Path stateDir(Path base, boolean sandbox) {
        return sandbox ? base : base.resolve("real");
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new LocalStackException(name + " is malformed: expected a port number, got '" + value + "'");
        }
    }
}
