package dev.xanthus.clients.oci;

import java.time.Instant;
import java.util.Map;

/**
 * A compute instance. {@code lifecycleState}: {@code MOVING}, {@code PROVISIONING}, {@code RUNNING},
 * {@code STARTING}, {@code STOPPING}, {@code STOPPED}, {@code CREATING_IMAGE}, {@code TERMINATING},
 * {@code TERMINATED}. {@code region} is the region's name as OCI returns it (e.g. {@code eu-frankfurt-1}).
 * No metadata: it holds the user data, which may carry secrets.
 */
public record OciInstance(
        String id,
        String compartmentId,
        String availabilityDomain,
        String faultDomain,
        String displayName,
        String lifecycleState,
        String region,
        String shape,
        ShapeConfig shapeConfig,
        Instant timeCreated,
        String imageId,
        SourceDetails sourceDetails,
        Map<String, String> freeformTags) {

    public static final String PROVISIONING = "PROVISIONING";
    public static final String RUNNING = "RUNNING";
    public static final String STARTING = "STARTING";
    public static final String STOPPING = "STOPPING";
    public static final String STOPPED = "STOPPED";
    public static final String TERMINATING = "TERMINATING";
    public static final String TERMINATED = "TERMINATED";

    public record ShapeConfig(
            Double ocpus, Double memoryInGBs, String processorDescription, Double networkingBandwidthInGbps) {}

    /** {@code sourceType} {@code image} with its {@code imageId}, or {@code bootVolume}. */
    public record SourceDetails(String sourceType, String imageId, String bootVolumeId, Long bootVolumeSizeInGBs) {}
}
