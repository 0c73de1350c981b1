package dev.xanthus.clients.oci;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A region the tenancy is subscribed to: {@code regionKey} {@code FRA}, {@code regionName} {@code eu-frankfurt-1},
 * {@code status} {@code READY} or {@code IN_PROGRESS}.
 */
public record RegionSubscription(
        String regionKey, String regionName, String status, @JsonProperty("isHomeRegion") boolean isHomeRegion) {}
