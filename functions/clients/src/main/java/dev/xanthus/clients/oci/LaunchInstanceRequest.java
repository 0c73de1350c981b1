package dev.xanthus.clients.oci;

import java.util.Map;

/**
 * What {@link OciClient#launchInstance} sends (as OCI's {@code LaunchInstanceDetails}): the image becomes
 * {@code sourceDetails}, subnet and public IP become {@code createVnicDetails}, {@code ocpus}/{@code memoryInGBs}
 * become {@code shapeConfig} (leave both null for a fixed shape).
 *
 * @param metadata {@code ssh_authorized_keys} (OpenSSH public keys, one a line) and {@code user_data} (base64
 *                 cloud-init); may carry secrets, so {@link #toString()} leaves it out
 */
public record LaunchInstanceRequest(
        String compartmentId,
        String availabilityDomain,
        String displayName,
        String shape,
        Double ocpus,
        Double memoryInGBs,
        String imageId,
        String subnetId,
        boolean assignPublicIp,
        Map<String, String> metadata,
        Map<String, String> freeformTags) {

    public static final String SSH_AUTHORIZED_KEYS = "ssh_authorized_keys";
    public static final String USER_DATA = "user_data";

    @Override
    public String toString() {
        return "LaunchInstanceRequest[compartmentId=" + compartmentId + ", availabilityDomain=" + availabilityDomain
                + ", displayName=" + displayName + ", shape=" + shape + ", ocpus=" + ocpus + ", memoryInGBs="
                + memoryInGBs
                + ", imageId=" + imageId + ", subnetId=" + subnetId + ", assignPublicIp=" + assignPublicIp
                + ", metadata="
                + (metadata == null ? null : metadata.keySet()) + ", freeformTags=" + freeformTags + "]";
    }
}
