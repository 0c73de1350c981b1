package dev.xanthus.core.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Samples into at most {@link MetricsRange#MAX_POINTS} points: one bucket per step (aligned to multiples of the step),
 * each value the mean of the bucket's samples weighted by the time each averaged over, so a rate averaged over 21
 * minutes by sadf counts as 21 one-minute ones. Only samples inside {@code (now − window, now]} count.
 */
public final class Downsampler {

    private Downsampler() {}

    public static List<MetricPoint> downsample(List<Sample> samples, MetricsRange range, long now) {
        long step = range.stepSeconds();
        long from = now - range.windowSeconds();
        Map<Long, List<Sample>> buckets = new TreeMap<>();
        for (Sample s : samples) {
            if (s.t() > from && s.t() <= now) {
                buckets.computeIfAbsent(Math.floorDiv(s.t(), step) * step, k -> new ArrayList<>())
                        .add(s);
            }
        }
        List<MetricPoint> points = new ArrayList<>();
        buckets.forEach((t, in) -> points.add(new MetricPoint(
                t,
                round2(mean(in, Sample::cpuPercent)),
                whole(mean(in, Sample::memoryUsedBytes)),
                whole(mean(in, Sample::memoryTotalBytes)),
                whole(mean(in, Sample::diskUsedBytes)),
                whole(mean(in, Sample::diskTotalBytes)),
                round2(mean(in, Sample::load1)),
                whole(mean(in, Sample::netRxBps)),
                whole(mean(in, Sample::netTxBps)))));
        int extra = points.size() - MetricsRange.MAX_POINTS;
        return extra > 0 ? List.copyOf(points.subList(extra, points.size())) : points;
    }

    private static Double mean(List<Sample> in, Function<Sample, Double> value) {
        double sum = 0;
        double weight = 0;
        for (Sample s : in) {
            Double v = value.apply(s);
            if (v != null) {
                sum += v * s.intervalSeconds();
                weight += s.intervalSeconds();
            }
        }
        return weight == 0 ? null : sum / weight;
    }

    private static Double round2(Double v) {
        return v == null ? null : Math.round(v * 100) / 100.0;
    }

    private static Long whole(Double v) {
        return v == null ? null : Math.round(v);
    }
}
