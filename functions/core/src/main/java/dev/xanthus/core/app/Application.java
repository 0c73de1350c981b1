package dev.xanthus.core.app;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.xanthus.core.kv.KvKeys;

/**
 * KV {@code app:<id>}: the Go program's {@code models.Application} field for field, plus {@code job_id} (the last
 * deploy/upgrade/delete job; the Go program ignores it). {@code name} is what the user called it; the Go program
 * stored the subdomain there, which reads fine here too.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Application(
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("description") String description,
        @JsonProperty("app_type") String appType,
        @JsonProperty("app_version") String appVersion,
        @JsonProperty("subdomain") String subdomain,
        @JsonProperty("domain") String domain,
        @JsonProperty("vps_id") String vpsId,
        @JsonProperty("vps_name") String vpsName,
        @JsonProperty("namespace") String namespace,
        @JsonProperty("status") String status,
        @JsonProperty("error_msg") String errorMsg,
        @JsonProperty("url") String url,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("updated_at") String updatedAt,
        @JsonProperty("chart_name") String chartName,
        @JsonProperty("chart_version") String chartVersion,
        @JsonProperty("job_id") String jobId) {

    public static final String CREATING = "creating";
    public static final String RUNNING = "running";
    public static final String UPDATING = "updating";
    public static final String DELETING = "deleting";
    public static final String FAILED = "failed";

    public static String kvKey(String id) {
        return KvKeys.app(id);
    }

    /** The host name users open: {@code <subdomain>.<domain>}, or the domain itself for the apex. */
    public String host() {
        return isApex() ? domain : subdomain + "." + domain;
    }

    public boolean isApex() {
        return subdomain == null || subdomain.isEmpty() || subdomain.equals("@");
    }

    /** The Helm release: {@code <subdomain>-<type>} as the Go program named it ({@code apex-<type>} for the apex). */
    public String release() {
        return (isApex() ? "apex" : subdomain) + "-" + appType;
    }

    public long serverId() {
        try {
            return Long.parseLong(vpsId.trim());
        } catch (RuntimeException e) {
            return -1;
        }
    }

    public Application withStatus(String newStatus, String error, String now) {
        return copy(appVersion, chartVersion, newStatus, error, now, jobId);
    }

    public Application withJob(String job, String newStatus, String now) {
        return copy(appVersion, chartVersion, newStatus, null, now, job);
    }

    public Application withVersion(String version, String newChartVersion) {
        return copy(version, newChartVersion, status, errorMsg, updatedAt, jobId);
    }

    /** This record with the fields that deployments change; what the user chose at create time stays. */
    private Application copy(
            String version, String newChartVersion, String newStatus, String error, String updated, String job) {
        return new Application(
                id,
                name,
                description,
                appType,
                version,
                subdomain,
                domain,
                vpsId,
                vpsName,
                namespace,
                newStatus,
                error,
                url,
                createdAt,
                updated,
                chartName,
                newChartVersion,
                job);
    }
}
