package dev.xanthus.core.server;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * KV {@code vps:<id>:config} in the Go program's shape ({@code kv.go} VPSConfig), plus {@code host_key_fingerprint}:
 * the pinned SSH host key, which the Go program ignores.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VpsConfig(
    @JsonProperty("server_id") long serverId,
    @JsonProperty("name") String name,
    @JsonProperty("server_type") String serverType,
    @JsonProperty("location") String location,
    @JsonProperty("public_ipv4") String publicIpv4,
    @JsonProperty("created_at") String createdAt,
    @JsonProperty("ssh_key_name") String sshKeyName,
    @JsonProperty("ssh_user") String sshUser,
    @JsonProperty("ssh_port") int sshPort,
    @JsonProperty("hourly_rate") double hourlyRate,
    @JsonProperty("monthly_rate") double monthlyRate,
    @JsonProperty("timezone") String timezone,
    @JsonProperty("provider") String provider,
    @JsonProperty("provider_instance_id") String providerInstanceId,
    @JsonProperty("architecture") String architecture,
    @JsonProperty("host_key_fingerprint") String hostKeyFingerprint,
    @JsonProperty("ocpu") Double ocpu,
    @JsonProperty("memory") Double memory,
    @JsonProperty("region") String region) {

  public static final String PROVIDER_HETZNER = "Hetzner";
  public static final String PROVIDER_OCI = "OCI";

  /** Whether this server is one of Oracle Cloud's; the Go program's configs may say {@code oci} in any case. */
  public boolean isOci() {
    return provider != null && (provider.equalsIgnoreCase("oci") || provider.toLowerCase().contains("oracle"));
  }

  public static String key(long serverId) {
    return "vps:" + serverId + ":config";
  }

  /** {@code created_at} as an instant, or null when absent or not ISO-8601 (the Go program wrote other forms too). */
  @JsonIgnore
  public Instant createdInstant() {
    try {
      return createdAt == null ? null : Instant.parse(createdAt);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  public VpsConfig withHostKey(String fingerprint) {
    return new VpsConfig(serverId, name, serverType, location, publicIpv4, createdAt, sshKeyName, sshUser, sshPort,
        hourlyRate, monthlyRate, timezone, provider, providerInstanceId, architecture, fingerprint, ocpu, memory, region);
  }

  public VpsConfig withTimezone(String zone) {
    return new VpsConfig(serverId, name, serverType, location, publicIpv4, createdAt, sshKeyName, sshUser, sshPort,
        hourlyRate, monthlyRate, zone, provider, providerInstanceId, architecture, hostKeyFingerprint, ocpu, memory, region);
  }

  public VpsConfig withPublicIpv4(String ip) {
    return new VpsConfig(serverId, name, serverType, location, ip, createdAt, sshKeyName, sshUser, sshPort,
        hourlyRate, monthlyRate, timezone, provider, providerInstanceId, architecture, hostKeyFingerprint, ocpu, memory, region);
  }

  public VpsConfig withSshUser(String user) {
    return new VpsConfig(serverId, name, serverType, location, publicIpv4, createdAt, sshKeyName, user, sshPort,
        hourlyRate, monthlyRate, timezone, provider, providerInstanceId, architecture, hostKeyFingerprint, ocpu, memory, region);
  }
}
