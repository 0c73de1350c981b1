package dev.xanthus.clients.oci;

import java.util.Map;

/** A tenancy ({@code GET /20160918/tenancies/{tenancyId}}); {@code homeRegionKey} is e.g. {@code FRA}. */
public record OciTenancy(
        String id, String name, String description, String homeRegionKey, Map<String, String> freeformTags) {}
