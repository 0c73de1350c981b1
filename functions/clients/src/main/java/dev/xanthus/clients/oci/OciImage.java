package dev.xanthus.clients.oci;

import java.time.Instant;
import java.util.Map;

/**
 * A boot image, e.g. {@code Canonical-Ubuntu-24.04-aarch64-2025.01.31-0} ({@code operatingSystem} {@code Canonical
 * Ubuntu}, {@code operatingSystemVersion} {@code 24.04}). Platform images have no compartment.
 */
public record OciImage(
        String id,
        String compartmentId,
        String displayName,
        String operatingSystem,
        String operatingSystemVersion,
        String lifecycleState,
        Instant timeCreated,
        Long sizeInMBs,
        Map<String, String> freeformTags) {}
