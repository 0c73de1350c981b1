package dev.xanthus.clients.oci;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A security list, its rules flattened to {@link IngressRule} and {@link EgressRule}. */
public record SecurityList(
        String id,
        String compartmentId,
        String vcnId,
        String displayName,
        List<IngressRule> ingressSecurityRules,
        List<EgressRule> egressSecurityRules,
        String lifecycleState,
        Instant timeCreated,
        Map<String, String> freeformTags) {}
