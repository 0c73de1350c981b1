package dev.xanthus.core.metrics;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One point of a chart: the averages over {@code [t, t + step)} (epoch seconds, UTC). Null where the server recorded
 * nothing of that kind. Network rates are bits per second.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MetricPoint(
        long t,
        Double cpuPercent,
        Long memoryUsedBytes,
        Long memoryTotalBytes,
        Long diskUsedBytes,
        Long diskTotalBytes,
        Double load1,
        Long netRxBps,
        Long netTxBps) {}
