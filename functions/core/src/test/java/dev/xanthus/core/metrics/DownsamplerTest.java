package dev.xanthus.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xanthus.core.error.AppException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DownsamplerTest {

    private static final long NOW = 1_764_892_800L; // a multiple of every step

    @Test
    void ranges_haveStepsOfWholeMinutes_andAtMost500Points() {
        assertThat(MetricsRange.HOUR.stepSeconds()).isEqualTo(60);
        assertThat(MetricsRange.DAY.stepSeconds()).isEqualTo(180);
        assertThat(MetricsRange.WEEK.stepSeconds()).isEqualTo(1260);
        for (MetricsRange range : MetricsRange.values()) {
            List<Sample> minutes = new ArrayList<>();
            for (long t = NOW - range.windowSeconds() - 3600; t <= NOW + 600; t += 60) {
                minutes.add(sample(t, 60, 10.0));
            }
            List<MetricPoint> points = Downsampler.downsample(minutes, range, NOW);
            assertThat(points.size()).isLessThanOrEqualTo(500).isGreaterThan(50);
            assertThat(points.get(0).t()).isGreaterThanOrEqualTo(NOW - range.windowSeconds() - range.stepSeconds());
            assertThat(points.get(points.size() - 1).t()).isLessThanOrEqualTo(NOW);
        }
    }

    @Test
    void downsample_weighsEachSampleByTheTimeItAveragedOver() {
        // one sadf record averaged over 120 s at 10 %, two one-minute records at 40 %: (120*10 + 60*40 + 60*40) / 240
        List<Sample> samples =
                List.of(sample(NOW - 170, 120, 10.0), sample(NOW - 100, 60, 40.0), sample(NOW - 90, 60, 40.0));

        List<MetricPoint> points = Downsampler.downsample(samples, MetricsRange.DAY, NOW);

        assertThat(points).hasSize(1);
        assertThat(points.get(0).t()).isEqualTo(NOW - 180);
        assertThat(points.get(0).cpuPercent()).isEqualTo(25.0);
        assertThat(points.get(0).memoryUsedBytes()).isEqualTo(1_000_000L);
    }

    @Test
    void downsample_keepsNullsWhereNothingWasRecorded_andDropsWhatIsOutsideTheWindow() {
        Sample noDisk = new Sample(NOW - 30, 60, 5.0, 1e6, 2e6, null, null, 0.5, 800.0, 1600.0);
        Sample old = sample(NOW - 7200, 60, 99.0);
        Sample future = sample(NOW + 60, 60, 99.0);

        List<MetricPoint> points = Downsampler.downsample(List.of(old, noDisk, future), MetricsRange.HOUR, NOW);

        assertThat(points).singleElement().satisfies(p -> {
            assertThat(p.cpuPercent()).isEqualTo(5.0);
            assertThat(p.diskUsedBytes()).isNull();
            assertThat(p.diskTotalBytes()).isNull();
            assertThat(p.netTxBps()).isEqualTo(1600L);
        });
    }

    @Test
    void parse_acceptsTheThreeRanges_andRefusesAnythingElseWith400() {
        assertThat(MetricsRange.parse("24h")).isEqualTo(MetricsRange.DAY);
        assertThat(MetricsRange.parse(null)).isEqualTo(MetricsRange.HOUR);
        for (String bad : List.of("2h", "7D", "1h; rm -rf /", "-1")) {
            assertThatThrownBy(() -> MetricsRange.parse(bad))
                    .isInstanceOfSatisfying(AppException.BadRequest.class, e -> assertThat(e.code())
                            .isEqualTo("INVALID_RANGE"));
        }
    }

    @Test
    void command_carriesOnlyTheRangesNumbers() {
        String line = MetricsCommand.read(MetricsRange.WEEK).line();

        assertThat(line).startsWith("bash -c '").contains("- 604800 ))").contains("every=1260;");
    }

    private static Sample sample(long t, long interval, double cpu) {
        return new Sample(t, interval, cpu, 1e6, 2e6, 3e9, 4e10, 0.25, 1000.0, 2000.0);
    }
}
