package dev.xanthus.clients.oci;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** A VNIC; {@code publicIp} is null without a public IP. {@code lifecycleState}: PROVISIONING, AVAILABLE, … */
public record OciVnic(
        String id,
        String compartmentId,
        String availabilityDomain,
        String subnetId,
        String displayName,
        String hostnameLabel,
        String privateIp,
        String publicIp,
        @JsonProperty("isPrimary") Boolean isPrimary,
        String macAddress,
        String lifecycleState,
        Map<String, String> freeformTags) {}
