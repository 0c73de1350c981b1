package dev.xanthus.core.metrics;

import dev.xanthus.core.error.AppException;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The windows a chart can ask for. Each step is the window over at most {@link #MAX_POINTS} points, rounded up to whole
 * minutes (sadc samples once a minute on a server), so 1 h is one point a minute, 24 h one per 3 min, 7 d one per 21.
 */
public enum MetricsRange {
    HOUR("1h", 3_600),
    DAY("24h", 86_400),
    WEEK("7d", 604_800);

    public static final int MAX_POINTS = 500;

    private final String id;
    private final long windowSeconds;

    MetricsRange(String id, long windowSeconds) {
        this.id = id;
        this.windowSeconds = windowSeconds;
    }

    public String id() {
        return id;
    }

    public long windowSeconds() {
        return windowSeconds;
    }

    public long stepSeconds() {
        long perPoint = (windowSeconds + MAX_POINTS - 1) / MAX_POINTS;
        return (perPoint + 59) / 60 * 60;
    }

    /** {@code 1h} (also when absent), {@code 24h} or {@code 7d}; anything else is 400 {@code INVALID_RANGE}. */
    public static MetricsRange parse(String text) {
        if (text == null || text.isEmpty()) {
            return HOUR;
        }
        for (MetricsRange range : values()) {
            if (range.id.equals(text)) {
                return range;
            }
        }
        throw new AppException.BadRequest(
                "INVALID_RANGE",
                "range must be one of " + ids() + ".",
                Map.of("allowed", Arrays.stream(values()).map(MetricsRange::id).toList()));
    }

    private static String ids() {
        return Arrays.stream(values()).map(MetricsRange::id).collect(Collectors.joining(", "));
    }
}
