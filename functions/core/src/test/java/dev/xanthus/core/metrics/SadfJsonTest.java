package dev.xanthus.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SadfJsonTest {

    private static final String SADC = "/usr/lib/sysstat/sadc";
    private static final String SADF = "/usr/bin/sadf";

    /** Captured from Debian's sysstat 12.6.1 (sadc -S XDISK 2 3; sadf -j -- -u -r ALL -q -n DEV -F MOUNT). */
    @Test
    void parse_readsEveryRecordOfARealCapture_inTheApisUnits() throws IOException {
        List<Sample> samples = SadfJson.parse(resource("sadf-12.6.1-two-records.json"));

        assertThat(samples).hasSize(2);
        Sample first = samples.get(0);
        assertThat(first.t()).isEqualTo(Instant.parse("2026-12-04T21:47:19Z").getEpochSecond());
        assertThat(first.intervalSeconds()).isEqualTo(2);
        assertThat(first.cpuPercent()).isCloseTo(99.25, within(1e-9)); // 100 - idle 0.75 - iowait 0
        assertThat(first.memoryUsedBytes()).isEqualTo(2727732 * 1024.0);
        // memfree + memused + buffers + cached + slab: MemTotal again
        assertThat(first.memoryTotalBytes()).isEqualTo((16761556.0 + 2727732 + 177196 + 4293736 + 723564) * 1024);
        assertThat(first.diskUsedBytes()).isEqualTo(28155.0 * 1024 * 1024);
        assertThat(first.diskTotalBytes()).isEqualTo((229864.0 + 28155) * 1024 * 1024);
        assertThat(first.load1()).isEqualTo(8.31);
        // lo, ifb0 and ifb1 are left out; eth0's 0.24 kB/s (KiB) in bits
        assertThat(first.netRxBps()).isCloseTo(0.24 * 1024 * 8, within(1e-9));
        assertThat(samples.get(1).cpuPercent()).isCloseTo(99.0, within(1e-9)); // iowait 0.25 counts as idle
    }

    @Test
    void parse_readsSeveralDocumentsInARow_asTheCommandPrintsOnePerFile() throws IOException {
        String both = resource("sadf-12.6.1-interval-4.json") + resource("sadf-12.6.1-two-records.json");

        List<Sample> samples = SadfJson.parse(both);

        assertThat(samples).extracting(Sample::intervalSeconds).containsExactly(4L, 2L, 2L);
    }

    @Test
    void parse_refusesWhatIsNotSadfJson_andReadsNothingFromNothing() {
        assertThat(SadfJson.parse("")).isEmpty();
        assertThatThrownBy(() -> SadfJson.parse("Cannot open /var/log/sysstat/sa04"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The real tools here, as the sandbox servers and Ubuntu's package run them: what they print is what we parse. */
    @Test
    void parse_readsWhatTheRealSadfPrints_withTheCommandsOptions(@TempDir Path dir) throws Exception {
        assertThat(Path.of(SADC))
                .as("Debian's sysstat is needed (apt-get install -y sysstat)")
                .exists();
        run(List.of(SADC, "-F", "-L", "-S", "XDISK", "1", "3", dir.toString()));
        Path file;
        try (var files = Files.list(dir)) {
            file = files.filter(p -> p.getFileName().toString().matches("sa[0-9]+"))
                    .findFirst()
                    .orElseThrow();
        }
        String json = run(List.of(
                SADF, "-j", "--fs=/", "--", "-u", "-r", "ALL", "-q", "-n", "DEV", "-F", "MOUNT", file.toString()));

        List<Sample> samples = SadfJson.parse(json);

        assertThat(samples).hasSize(2);
        long memTotalKib = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                .filter(l -> l.startsWith("MemTotal:"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                .findFirst()
                .orElseThrow();
        long diskTotal = Files.getFileStore(Path.of("/")).getTotalSpace();
        for (Sample s : samples) {
            assertThat(s.cpuPercent()).isBetween(0.0, 100.0);
            assertThat(s.memoryTotalBytes()).isEqualTo(memTotalKib * 1024.0);
            assertThat(s.memoryUsedBytes()).isPositive().isLessThan(s.memoryTotalBytes());
            // sadf rounds to whole MiB
            assertThat(s.diskTotalBytes()).isCloseTo((double) diskTotal, within(2.0 * 1024 * 1024));
            assertThat(s.diskUsedBytes()).isPositive().isLessThan(s.diskTotalBytes());
            assertThat(s.load1()).isNotNegative();
            assertThat(s.t()).isCloseTo(Instant.now().getEpochSecond(), within(30L));
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(command))
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SadfJsonTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
