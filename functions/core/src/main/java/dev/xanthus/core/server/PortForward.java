package dev.xanthus.core.server;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One entry of KV {@code app:<id>:port-forwards} (Go {@code PortForward}); only the DNS-relevant fields. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PortForward(
    @JsonProperty("id") String id,
    @JsonProperty("app_id") String appId,
    @JsonProperty("port") int port,
    @JsonProperty("subdomain") String subdomain,
    @JsonProperty("domain") String domain) {}
