package dev.xanthus.clients.oci;

import java.time.Instant;
import java.util.List;
import java.util.Map;

public record OciRouteTable(
        String id,
        String compartmentId,
        String vcnId,
        String displayName,
        List<RouteRule> routeRules,
        String lifecycleState,
        Instant timeCreated,
        Map<String, String> freeformTags) {}
