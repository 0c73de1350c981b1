package dev.xanthus.core.app.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One catalog application, in the Go program's YAML format (fields it ignored, such as {@code ports} or
 * {@code volumes} in {@code xanthus.yaml}, are ignored here too). Requirements keep their fractions: the Go program
 * truncated {@code min_memory_gb: 0.5} to 0.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogApp(
        String id,
        String name,
        String description,
        String icon,
        String category,
        @JsonProperty("version_source") VersionSource versionSource,
        @JsonProperty("helm_chart") HelmChart helmChart,
        @JsonProperty("default_port") int defaultPort,
        Requirements requirements,
        List<String> features,
        String documentation,
        Map<String, String> metadata,
        List<Capability> capabilities) {

    public CatalogApp {
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
    }

    public boolean has(Capability capability) {
        return capabilities.contains(capability);
    }

    /** Where the list of installable versions comes from. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record VersionSource(String type, String source, String pattern, String chart) {
        public boolean isGithub() {
            return "github".equals(type);
        }

        public boolean isHelm() {
            return "helm".equals(type);
        }
    }

    /** The chart: {@code repository} is {@code local} (bundled), an https Helm repository, or a git URL. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record HelmChart(
            String repository,
            String chart,
            String version,
            String namespace,
            @JsonProperty("values_template") String valuesTemplate,
            Map<String, String> placeholders) {

        public boolean isLocal() {
            return "local".equals(repository);
        }
    }

    /** Minimum server size; fractional values are honoured. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Requirements(
            @JsonProperty("min_cpu") double minCpu,
            @JsonProperty("min_memory_gb") double minMemoryGb,
            @JsonProperty("min_disk_gb") double minDiskGb) {}
}
