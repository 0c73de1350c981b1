package dev.xanthus.core.server;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.xanthus.core.kv.KvKeys;

/** One entry of KV {@code app:<id>:port-forwards}, the Go program's {@code PortForward} field for field. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PortForward(
        @JsonProperty("id") String id,
        @JsonProperty("app_id") String appId,
        @JsonProperty("port") int port,
        @JsonProperty("subdomain") String subdomain,
        @JsonProperty("domain") String domain,
        @JsonProperty("url") String url,
        @JsonProperty("service_name") String serviceName,
        @JsonProperty("ingress_name") String ingressName,
        @JsonProperty("created_at") String createdAt) {

    public static String kvKey(String appId) {
        return KvKeys.appPortForwards(appId);
    }
}
