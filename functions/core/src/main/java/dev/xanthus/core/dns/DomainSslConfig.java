package dev.xanthus.core.dns;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.xanthus.core.kv.KvKeys;

/**
 * KV {@code domain:<d>:ssl_config}: the Go program's {@code DomainSSLConfig} field for field, plus what Xanthus needs
 * to undo exactly what it changed ({@code previous_*}, {@code page_rule_id}). The Go program ignores the extra fields;
 * records it wrote lack them (null here).
 *
 * @param certificate the origin certificate followed by the Origin CA root, PEM
 * @param privateKey  the account key (the same as in {@code config:ssl:csr}); never leaves the service
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DomainSslConfig(
        @JsonProperty("domain") String domain,
        @JsonProperty("zone_id") String zoneId,
        @JsonProperty("certificate_id") String certificateId,
        @JsonProperty("certificate") String certificate,
        @JsonProperty("private_key") String privateKey,
        @JsonProperty("configured_at") String configuredAt,
        @JsonProperty("ssl_mode") String sslMode,
        @JsonProperty("always_use_https") boolean alwaysUseHttps,
        @JsonProperty("page_rule_created") boolean pageRuleCreated,
        @JsonProperty("page_rule_id") String pageRuleId,
        @JsonProperty("previous_ssl_mode") String previousSslMode,
        @JsonProperty("previous_always_use_https") String previousAlwaysUseHttps) {

    public static String kvKey(String domain) {
        return KvKeys.domainConfig(domain);
    }

    @Override
    public String toString() {
        return "DomainSslConfig[domain=" + domain + ", zone=" + zoneId + ", certificate=" + certificateId + "]";
    }
}
