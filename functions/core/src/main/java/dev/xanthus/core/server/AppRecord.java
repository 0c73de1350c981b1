package dev.xanthus.core.server;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The fields of a KV {@code app:<id>} record (Go {@code models.Application}) that servers need. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AppRecord(
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("app_type") String appType,
        @JsonProperty("app_version") String appVersion,
        @JsonProperty("subdomain") String subdomain,
        @JsonProperty("domain") String domain,
        @JsonProperty("vps_id") String vpsId,
        @JsonProperty("status") String status,
        @JsonProperty("url") String url) {

    public boolean runsOn(long serverId) {
        return vpsId != null && vpsId.trim().equals(Long.toString(serverId));
    }
}
