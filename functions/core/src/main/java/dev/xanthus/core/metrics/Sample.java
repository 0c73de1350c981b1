package dev.xanthus.core.metrics;

/**
 * One sadc record as {@code sadf -j} prints it, in the API's units. A value is null when the record lacks its
 * activity (e.g. no filesystem statistics: sadc was not started with {@code -S XDISK}). {@code t} is the record's end
 * (epoch seconds, UTC) and {@code intervalSeconds} how long the rates in it were averaged over.
 */
public record Sample(
        long t,
        long intervalSeconds,
        Double cpuPercent,
        Double memoryUsedBytes,
        Double memoryTotalBytes,
        Double diskUsedBytes,
        Double diskTotalBytes,
        Double load1,
        Double netRxBps,
        Double netTxBps) {}
