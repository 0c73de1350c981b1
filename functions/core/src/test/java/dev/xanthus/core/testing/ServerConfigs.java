package dev.xanthus.core.testing;

import dev.xanthus.core.server.VpsConfig;

/** KV server configs as the providers write them, for unit tests. */
public final class ServerConfigs {

    private ServerConfigs() {}

    public static VpsConfig hetzner(long id, String name, String ip) {
        return config(id, name, ip, VpsConfig.PROVIDER_HETZNER);
    }

    public static VpsConfig oci(long id, String name, String ip) {
        return config(id, name, ip, VpsConfig.PROVIDER_OCI);
    }

    private static VpsConfig config(long id, String name, String ip, String provider) {
        return new VpsConfig(
                id,
                name,
                "cx22",
                "fsn1",
                ip,
                "2026-12-01T10:00:00Z",
                null,
                "root",
                22,
                0.01,
                5.0,
                "UTC",
                provider,
                Long.toString(id),
                "x86",
                null,
                null,
                null,
                null);
    }
}
