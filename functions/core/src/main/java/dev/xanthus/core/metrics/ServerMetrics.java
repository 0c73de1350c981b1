package dev.xanthus.core.metrics;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.xanthus.clients.ssh.CommandResult;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.server.ServerAccess;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** {@code GET /api/v1/vps/{id}/metrics}: sysstat's records on the server, read over SSH on demand, downsampled. */
public final class ServerMetrics {

    /** What the server's collector is doing; a UI shows {@code message} instead of a chart when not {@code ok}. */
    public enum Collector {
        /** Points are there. */
        ok,
        /** sysstat is installed but has not written a record in the window yet (the first comes within a minute). */
        waiting,
        /** No sysstat on the server (set up before Xanthus installed it, or not by Xanthus). */
        not_installed
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Metrics(
            String range, long stepSeconds, Collector collector, String message, List<MetricPoint> points) {}

    private final ServerAccess access;

    public ServerMetrics(ServerAccess access) {
        this.access = access;
    }

    public Metrics read(Principal principal, long id, String rangeText) {
        MetricsRange range = MetricsRange.parse(rangeText);
        CommandResult result = access.withSession(
                principal,
                id,
                (session, config) -> session.run(MetricsCommand.read(range).line()));
        if (result.exitStatus() == MetricsCommand.NO_COLLECTOR) {
            return new Metrics(
                    range.id(),
                    range.stepSeconds(),
                    Collector.not_installed,
                    "This server has no metrics collector (sysstat): it was set up before Xanthus installed one. "
                            + "Install it with: apt-get install -y sysstat && systemctl enable --now sysstat",
                    List.of());
        }
        if (!result.succeeded()) {
            throw unreadable("the metrics command exited with status " + result.exitStatus());
        }
        String[] lines = result.stdout().trim().split("\n", 2);
        long now;
        List<Sample> samples;
        try {
            now = Long.parseLong(lines[0].trim());
            samples = SadfJson.parse(decode(lines.length > 1 ? lines[1] : ""));
        } catch (NumberFormatException e) {
            throw unreadable("it did not report its clock");
        } catch (IllegalArgumentException e) {
            throw unreadable("sadf printed something else than JSON");
        }
        List<MetricPoint> points = Downsampler.downsample(samples, range, now);
        return points.isEmpty()
                ? new Metrics(
                        range.id(),
                        range.stepSeconds(),
                        Collector.waiting,
                        "No samples in this range yet: the server records one every minute.",
                        points)
                : new Metrics(range.id(), range.stepSeconds(), Collector.ok, null, points);
    }

    private static String decode(String base64) {
        String trimmed = base64.trim();
        if (trimmed.isEmpty()) {
            return "";
        }
        try (GZIPInputStream in =
                new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(trimmed)))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | IllegalArgumentException e) {
            throw unreadable("its output is not gzip in base64");
        }
    }

    private static AppException unreadable(String why) {
        return new AppException.Upstream(
                "METRICS_UNREADABLE", "The server's metrics could not be read: " + why + ".", Map.of(), null);
    }
}
