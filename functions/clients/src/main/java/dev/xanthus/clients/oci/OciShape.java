package dev.xanthus.clients.oci;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A compute shape ({@code GET /20160918/shapes}). For a flexible shape ({@code isFlexible}) {@code ocpus} and
 * {@code memoryInGBs} are the defaults and the options bound what a launch may ask for; a fixed shape has neither
 * option. {@code billingType} is {@code ALWAYS_FREE}, {@code LIMITED_FREE} or {@code PAID}.
 */
public record OciShape(
        String shape,
        String processorDescription,
        Double ocpus,
        Double memoryInGBs,
        @JsonProperty("isFlexible") Boolean isFlexible,
        OcpuOptions ocpuOptions,
        MemoryOptions memoryOptions,
        Double networkingBandwidthInGbps,
        String billingType) {

    public record OcpuOptions(Double min, Double max) {}

    public record MemoryOptions(
            Double minInGBs,
            Double maxInGBs,
            Double defaultPerOcpuInGBs,
            Double minPerOcpuInGBs,
            Double maxPerOcpuInGBs) {}

    public boolean flexible() {
        return Boolean.TRUE.equals(isFlexible);
    }
}
