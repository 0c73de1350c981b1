package dev.xanthus.core.server;

import dev.xanthus.clients.oci.OciShape;
import dev.xanthus.core.error.AppException;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Oracle Cloud's shapes as the wizard offers them: architecture, whether they are free, and for flexible shapes the
 * OCPU and memory bounds and defaults a launch uses (Always-Free A1 defaults to the tenancy's whole free allowance).
 */
public final class OciShapes {

    /** OCI's Always-Free Ampere allowance for a whole tenancy: the defaults, not a cap. */
    static final double FREE_A1_OCPUS = 4;

    static final double FREE_A1_MEMORY_GB = 24;

    private OciShapes() {}

    /** A shape the wizard offers, with the bounds and defaults a launch will use. */
    @com.fasterxml.jackson.databind.annotation.JsonNaming(
            com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ShapeOption(
            String name,
            String architecture,
            String processor,
            boolean flexible,
            boolean alwaysFree,
            Range ocpus,
            Range memoryGb) {}

    /** Inclusive bounds and the default. */
    public record Range(
            double min, double max, @com.fasterxml.jackson.annotation.JsonProperty("default") double value) {}

    static ShapeOption option(OciShape shape) {
        boolean arm = shape.shape().contains(".A1.")
                || shape.shape().contains(".A2.")
                || (shape.processorDescription() != null
                        && shape.processorDescription().toLowerCase().contains("ampere"));
        boolean free = "ALWAYS_FREE".equals(shape.billingType())
                || "LIMITED_FREE".equals(shape.billingType())
                || shape.shape().equals("VM.Standard.A1.Flex")
                || shape.shape().equals("VM.Standard.E2.1.Micro");
        double ocpus = shape.ocpus() == null ? 1 : shape.ocpus();
        double memory = shape.memoryInGBs() == null ? 1 : shape.memoryInGBs();
        if (!shape.flexible()) {
            return new ShapeOption(
                    shape.shape(),
                    arm ? "arm64" : "x86",
                    shape.processorDescription(),
                    false,
                    free,
                    new Range(ocpus, ocpus, ocpus),
                    new Range(memory, memory, memory));
        }
        double minO = shape.ocpuOptions() != null && shape.ocpuOptions().min() != null
                ? shape.ocpuOptions().min()
                : 1;
        double maxO = shape.ocpuOptions() != null && shape.ocpuOptions().max() != null
                ? shape.ocpuOptions().max()
                : ocpus;
        double minM = shape.memoryOptions() != null && shape.memoryOptions().minInGBs() != null
                ? shape.memoryOptions().minInGBs()
                : 1;
        double maxM = shape.memoryOptions() != null && shape.memoryOptions().maxInGBs() != null
                ? shape.memoryOptions().maxInGBs()
                : memory;
        boolean freeA1 = shape.shape().equals("VM.Standard.A1.Flex");
        double defO = freeA1 ? Math.min(FREE_A1_OCPUS, maxO) : Math.max(minO, Math.min(ocpus, maxO));
        double defM = freeA1 ? Math.min(FREE_A1_MEMORY_GB, maxM) : Math.max(minM, Math.min(memory, maxM));
        return new ShapeOption(
                shape.shape(),
                arm ? "arm64" : "x86",
                shape.processorDescription(),
                true,
                free,
                new Range(minO, maxO, defO),
                new Range(minM, maxM, defM));
    }

    static Double within(Double asked, Range range, String field) {
        double value = asked == null ? range.value() : asked;
        if (Double.isNaN(value) || value < range.min() || value > range.max()) {
            throw new AppException.BadRequest(
                    "INVALID_" + (field.equals("ocpus") ? "OCPUS" : "MEMORY"),
                    field + " must be between " + strip(range.min()) + " and " + strip(range.max())
                            + " for this shape.",
                    Map.of("field", field));
        }
        return value;
    }

    private static String strip(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
