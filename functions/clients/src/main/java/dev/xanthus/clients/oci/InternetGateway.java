package dev.xanthus.clients.oci;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

public record InternetGateway(
        String id,
        String compartmentId,
        String vcnId,
        String displayName,
        @JsonProperty("isEnabled") Boolean isEnabled,
        String lifecycleState,
        Instant timeCreated,
        Map<String, String> freeformTags) {}
