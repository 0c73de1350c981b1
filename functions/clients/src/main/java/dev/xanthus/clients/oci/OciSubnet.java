package dev.xanthus.clients.oci;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A subnet; {@code availabilityDomain} is null for a regional subnet. */
public record OciSubnet(
        String id,
        String compartmentId,
        String vcnId,
        String availabilityDomain,
        String displayName,
        String cidrBlock,
        String routeTableId,
        List<String> securityListIds,
        Boolean prohibitPublicIpOnVnic,
        String lifecycleState,
        Instant timeCreated,
        Map<String, String> freeformTags) {}
