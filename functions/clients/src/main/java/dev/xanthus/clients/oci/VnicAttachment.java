package dev.xanthus.clients.oci;

/**
 * An instance's VNIC attachment; {@code lifecycleState} {@code ATTACHING}, {@code ATTACHED}, {@code DETACHING},
 * {@code DETACHED}. {@code vnicId} is null until attached.
 */
public record VnicAttachment(
        String id,
        String compartmentId,
        String availabilityDomain,
        String instanceId,
        String subnetId,
        String vnicId,
        String displayName,
        String lifecycleState) {}
