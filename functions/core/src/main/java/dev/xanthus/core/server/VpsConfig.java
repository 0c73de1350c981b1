package dev.xanthus.core.server;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * KV {@code vps:<id>:config} in the Go program's shape ({@code kv.go} VPSConfig), plus fields the Go program ignores:
 * {@code host_key_fingerprint} (the pinned SSH host key) and the Hetzner server type's capacity at create time
 * ({@code cores}, {@code memory_gb}, {@code disk_gb}; Hetzner's figures, so apps can be checked against the real size
 * without a table of types). Configs the Go program wrote have no capacity.
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
        @JsonProperty("region") String region,
        @JsonProperty("cores") Double cores,
        @JsonProperty("memory_gb") Double memoryGb,
        @JsonProperty("disk_gb") Double diskGb) {

    /** A config without a recorded capacity (OCI's, and every one the Go program wrote). */
    public VpsConfig(
            long serverId,
            String name,
            String serverType,
            String location,
            String publicIpv4,
            String createdAt,
            String sshKeyName,
            String sshUser,
            int sshPort,
            double hourlyRate,
            double monthlyRate,
            String timezone,
            String provider,
            String providerInstanceId,
            String architecture,
            String hostKeyFingerprint,
            Double ocpu,
            Double memory,
            String region) {
        this(
                serverId,
                name,
                serverType,
                location,
                publicIpv4,
                createdAt,
                sshKeyName,
                sshUser,
                sshPort,
                hourlyRate,
                monthlyRate,
                timezone,
                provider,
                providerInstanceId,
                architecture,
                hostKeyFingerprint,
                ocpu,
                memory,
                region,
                null,
                null,
                null);
    }

    public static final String PROVIDER_HETZNER = "Hetzner";
    public static final String PROVIDER_OCI = "OCI";

    /** Whether this server is one of Oracle Cloud's; the Go program's configs may say {@code oci} in any case. */
    public boolean isOci() {
        return provider != null
                && (provider.equalsIgnoreCase("oci") || provider.toLowerCase().contains("oracle"));
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
        return copy(publicIpv4, sshUser, timezone, fingerprint, cores, memoryGb, diskGb);
    }

    public VpsConfig withTimezone(String zone) {
        return copy(publicIpv4, sshUser, zone, hostKeyFingerprint, cores, memoryGb, diskGb);
    }

    public VpsConfig withPublicIpv4(String ip) {
        return copy(ip, sshUser, timezone, hostKeyFingerprint, cores, memoryGb, diskGb);
    }

    public VpsConfig withSshUser(String user) {
        return copy(publicIpv4, user, timezone, hostKeyFingerprint, cores, memoryGb, diskGb);
    }

    public VpsConfig withCapacity(double vcpus, double memoryGigabytes, double diskGigabytes) {
        return copy(publicIpv4, sshUser, timezone, hostKeyFingerprint, vcpus, memoryGigabytes, diskGigabytes);
    }

    /** This config with the fields that change after a server is created; the rest is fixed at create time. */
    private VpsConfig copy(
            String ip,
            String user,
            String zone,
            String fingerprint,
            Double vcpus,
            Double memoryGigabytes,
            Double diskGigabytes) {
        return new VpsConfig(
                serverId,
                name,
                serverType,
                location,
                ip,
                createdAt,
                sshKeyName,
                user,
                sshPort,
                hourlyRate,
                monthlyRate,
                zone,
                provider,
                providerInstanceId,
                architecture,
                fingerprint,
                ocpu,
                memory,
                region,
                vcpus,
                memoryGigabytes,
                diskGigabytes);
    }

    /** Whether the server's size was recorded at create time. */
    @JsonIgnore
    public boolean hasCapacity() {
        return cores != null && memoryGb != null && diskGb != null;
    }
}
