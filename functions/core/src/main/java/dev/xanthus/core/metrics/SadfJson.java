package dev.xanthus.core.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads what {@code sadf -j … -- -u -r ALL -q -n DEV -F MOUNT} prints (sysstat 12.x; one JSON document per data file,
 * several in a row when several files were read) into {@link Sample}s. Units as sysstat writes them (checked against
 * the real tool, see {@code contracts/sysstat/README.md}): memory in KiB, network in KiB/s (bytes / 1024), filesystems
 * in MiB, timestamps in UTC unless {@code -t}/{@code -T} were given (we give neither).
 */
public final class SadfJson {

    /** Interfaces that carry no traffic of the server's own (loopback, bridges and tunnels of K3s and Docker). */
    private static final Pattern VIRTUAL =
            Pattern.compile("lo|(cni|flannel|veth|cali|docker|br-|virbr|ifb|kube|tunl|vxlan|wg|tun|tap).*");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double KIB = 1024;
    private static final double MIB = 1024 * 1024;

    private SadfJson() {}

    /** Every statistics record of every document in {@code text}; throws {@link IllegalArgumentException} on non-JSON. */
    public static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        try (MappingIterator<JsonNode> documents =
                JSON.readerFor(JsonNode.class).readValues(text)) {
            while (documents.hasNextValue()) {
                JsonNode document = documents.nextValue();
                for (JsonNode host : document.path("sysstat").path("hosts")) {
                    for (JsonNode record : host.path("statistics")) {
                        Sample sample = sample(record);
                        if (sample != null) {
                            samples.add(sample);
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not sadf -j output: " + e.getMessage(), e);
        }
        return samples;
    }

    private static Sample sample(JsonNode record) {
        JsonNode stamp = record.path("timestamp");
        if (!stamp.hasNonNull("date") || !stamp.hasNonNull("time")) {
            return null;
        }
        long t = LocalDate.parse(stamp.get("date").asText())
                .atTime(LocalTime.parse(stamp.get("time").asText()))
                .toEpochSecond(ZoneOffset.UTC);
        return new Sample(
                t,
                Math.max(1, stamp.path("interval").asLong(60)),
                cpu(record.path("cpu-load")),
                memoryUsed(record.path("memory")),
                memoryTotal(record.path("memory")),
                disk(record.path("filesystems"), false),
                disk(record.path("filesystems"), true),
                number(record.path("queue").path("ldavg-1")),
                network(record.path("network").path("net-dev"), "rxkB"),
                network(record.path("network").path("net-dev"), "txkB"));
    }

    /** Busy share of all CPUs: 100 − %idle − %iowait (waiting on I/O is idle time the kernel accounts apart). */
    private static Double cpu(JsonNode cpus) {
        for (JsonNode cpu : cpus) {
            if ("all".equals(cpu.path("cpu").asText())) {
                Double idle = number(cpu.path("idle"));
                Double iowait = number(cpu.path("iowait"));
                return idle == null ? null : Math.max(0, 100 - idle - (iowait == null ? 0 : iowait));
            }
        }
        return null;
    }

    private static Double memoryUsed(JsonNode memory) {
        Double used = number(memory.path("memused"));
        return used == null ? null : used * KIB;
    }

    /**
     * sysstat's kbmemused is MemTotal − MemFree − Buffers − Cached − Slab, so the total is their sum again (exact with
     * {@code -r ALL}, which prints slab); without slab, from %memused.
     */
    private static Double memoryTotal(JsonNode memory) {
        Double used = number(memory.path("memused"));
        if (used == null) {
            return null;
        }
        Double free = number(memory.path("memfree"));
        Double buffers = number(memory.path("buffers"));
        Double cached = number(memory.path("cached"));
        Double slab = number(memory.path("slab"));
        if (free != null && buffers != null && cached != null && slab != null) {
            return (used + free + buffers + cached + slab) * KIB;
        }
        Double percent = number(memory.path("memused-percent"));
        return percent == null || percent <= 0 ? null : used * 100 / percent * KIB;
    }

    /** The root filesystem ({@code mountpoint} "/" with {@code -F MOUNT}; the only entry with {@code --fs=/}). */
    private static Double disk(JsonNode filesystems, boolean total) {
        for (JsonNode fs : filesystems) {
            if (filesystems.size() == 1 || "/".equals(fs.path("mountpoint").asText())) {
                Double used = number(fs.path("MBfsused"));
                Double free = number(fs.path("MBfsfree"));
                if (used == null || (total && free == null)) {
                    return null;
                }
                return (total ? used + free : used) * MIB;
            }
        }
        return null;
    }

    /** Bits per second over the interfaces that are not virtual (only the default route's when sadf was told so). */
    private static Double network(JsonNode interfaces, String field) {
        double kib = 0;
        boolean any = false;
        for (JsonNode iface : interfaces) {
            Double value = number(iface.path(field));
            if (value != null && !VIRTUAL.matcher(iface.path("iface").asText()).matches()) {
                kib += value;
                any = true;
            }
        }
        return any ? kib * KIB * 8 : null;
    }

    private static Double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : null;
    }
}
