package dev.xanthus.core.server;

import dev.xanthus.clients.oci.AvailabilityDomain;
import dev.xanthus.clients.oci.LaunchInstanceRequest;
import dev.xanthus.clients.oci.OciClient;
import dev.xanthus.clients.oci.OciCredentials;
import dev.xanthus.clients.oci.OciException;
import dev.xanthus.clients.oci.OciInstance;
import dev.xanthus.clients.oci.VnicAttachment;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.upstream.OciFailures;
import dev.xanthus.core.upstream.Upstreams;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Oracle Cloud instances in Xanthus's terms: launched across availability domains, found by a config, described. */
final class OciInstances {

    private OciInstances() {}

    static OciInstance launch(
            OciClient client,
            List<AvailabilityDomain> domains,
            java.util.function.Function<String, LaunchInstanceRequest> request) {
        if (domains.isEmpty()) {
            throw new AppException.Upstream(
                    "OCI_UNAVAILABLE", "Oracle Cloud listed no availability domain.", Map.of(), null);
        }
        OciException lastCapacity = null;
        // Always-Free Ampere capacity runs out per availability domain: try the next one before giving up.
        for (AvailabilityDomain domain : domains) {
            try {
                return client.launchInstance(request.apply(domain.name()));
            } catch (OciException e) {
                if (!e.is(OciException.OUT_OF_CAPACITY) || e.status() < 500) {
                    throw OciFailures.of(e);
                }
                lastCapacity = e;
            } catch (dev.xanthus.clients.http.TransportException e) {
                throw OciFailures.unreachable(e);
            }
        }
        throw OciFailures.of(lastCapacity);
    }

    static Optional<OciInstance> instance(OciClient client, VpsConfig config) {
        if (config.providerInstanceId() == null || config.providerInstanceId().isBlank()) {
            return Optional.empty();
        }
        // The OCID in the user's own KV config is the link (the Go program's instances carry no Xanthus tag).
        try {
            return Optional.of(client.getInstance(config.providerInstanceId()));
        } catch (OciException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw OciFailures.of(e);
        } catch (dev.xanthus.clients.http.TransportException e) {
            throw OciFailures.unreachable(e);
        }
    }

    static boolean tagged(OciInstance instance) {
        return instance.freeformTags() != null
                && OciServers.TAG_VALUE.equals(instance.freeformTags().get(OciServers.TAG_KEY));
    }

    /** A VM added by address: Xanthus knows no OCID for it, so it cannot power or delete it. */
    static boolean addedByAddress(VpsConfig config) {
        return config.providerInstanceId() == null
                || config.providerInstanceId().isBlank();
    }

    static Optional<String> publicIp(OciClient client, OciInstance instance) {
        List<VnicAttachment> attachments =
                Upstreams.oci(() -> client.listVnicAttachments(instance.compartmentId(), instance.id()));
        return attachments.stream()
                .filter(a -> a.vnicId() != null && "ATTACHED".equals(a.lifecycleState()))
                .findFirst()
                .map(a -> Upstreams.oci(() -> client.getVnic(a.vnicId())).publicIp());
    }

    /** OCI's lifecycle in Hetzner's words, so the UI has one vocabulary. */
    static String status(OciInstance instance) {
        return switch (instance.lifecycleState()) {
            case OciInstance.PROVISIONING -> "initializing";
            case OciInstance.STARTING -> "starting";
            case OciInstance.RUNNING -> "running";
            case OciInstance.STOPPING -> "stopping";
            case OciInstance.STOPPED -> "off";
            case OciInstance.TERMINATING -> "deleting";
            case OciInstance.TERMINATED -> "missing";
            default -> instance.lifecycleState().toLowerCase(Locale.ROOT);
        };
    }

    static String regionOf(VpsConfig config, OciCredentials credentials) {
        String region = config.region() != null && !config.region().isBlank() ? config.region() : config.location();
        return region != null && region.matches("[a-z]{2,3}-[a-z]{3,20}-[0-9]{1,2}") ? region : credentials.region();
    }
}
