package dev.xanthus.clients.oci;

import java.time.Instant;
import java.util.Map;

/** An IAM user ({@code GET /20160918/users/{userId}}), trimmed to what Xanthus reads. */
public record OciUser(
        String id,
        String compartmentId,
        String name,
        String description,
        String email,
        String lifecycleState,
        Instant timeCreated,
        Map<String, String> freeformTags) {}
