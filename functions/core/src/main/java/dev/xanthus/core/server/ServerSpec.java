package dev.xanthus.core.server;

import dev.xanthus.core.error.AppException;
import java.util.Locale;
import java.util.Map;

/**
 * What to create, per cloud: {@code POST /vps} names the provider and that provider's fields, and {@link
 * ServerService#create} hands the spec to the provider of that name. Sealed, so a new cloud is a new record here and
 * a new {@link ServerProvider}, never another branch in a controller.
 */
public sealed interface ServerSpec permits HetznerServers.CreateRequest, OciServers.CreateRequest {

    /** {@link ServerProvider#name()} of the provider that creates it. */
    String provider();

    /**
     * The spec for {@code provider} ({@code hetzner} when blank): Hetzner takes {@code location} and {@code serverType},
     * Oracle Cloud {@code shape}, {@code ocpus} and {@code memoryGb}; the others are ignored. 400 for another provider.
     */
    static ServerSpec of(
            String provider,
            String name,
            String location,
            String serverType,
            String shape,
            Double ocpus,
            Double memoryGb,
            String timezone) {
        String chosen = provider == null || provider.isBlank()
                ? ServerView.HETZNER
                : provider.trim().toLowerCase(Locale.ROOT);
        return switch (chosen) {
            case ServerView.HETZNER -> new HetznerServers.CreateRequest(name, location, serverType, timezone);
            case ServerView.OCI -> new OciServers.CreateRequest(name, shape, ocpus, memoryGb, timezone);
            default ->
                throw new AppException.BadRequest(
                        "INVALID_PROVIDER", "provider must be hetzner or oci.", Map.of("field", "provider"));
        };
    }
}
