package dev.xanthus.api.vps;

import static dev.xanthus.api.testing.ApiClient.code;
import static dev.xanthus.api.testing.ApiClient.data;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xanthus.api.testing.HetznerSandbox;
import dev.xanthus.api.testing.SignedIn;
import dev.xanthus.api.testing.WebTestApp;
import dev.xanthus.sandbox.hetzner.HetznerSimulator;
import dev.xanthus.sandbox.ssh.SandboxServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/**
 * {@code GET /api/v1/vps/{id}/metrics} end to end: real Tomcat, dynalite, the simulators and a sandbox server whose
 * setup (Xanthus's own cloud-init) switched on the real sysstat, read over real SSH. Every answer is checked against
 * openapi.yaml by {@code ApiContract}.
 */
@SpringBootTest(classes = WebTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = HetznerSandbox.class)
class VpsMetricsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    private SignedIn user;

    private long readyServer() throws Exception {
        user = SignedIn.as(port, WAIT, "oci");
        HttpResponse<String> put =
                user.send("PUT", "/api/v1/settings/hetzner", Map.of("key", HetznerSimulator.DEFAULT_TOKEN));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        String name = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
        long id = data(
                        user.send(
                                "POST",
                                "/api/v1/vps",
                                Map.of("name", name, "location", "fsn1", "serverType", "cx23", "timezone", "UTC")),
                        201)
                .path("server")
                .path("id")
                .asLong();
        user.await("/api/v1/vps/" + id + "/status", s -> s.path("ready").asBoolean());
        return id;
    }

    @Test
    void metrics_shouldAnswerEachRangeFromTheServersSysstat_andRefuseOtherRanges() throws Exception {
        long id = readyServer();

        // the sandbox samples every second: the 1 h chart has its first (one-minute) point within seconds
        JsonNode hour = user.await(
                "/api/v1/vps/" + id + "/metrics?range=1h", m -> m.path("points").size() >= 1);
        assertThat(hour.path("range").asText()).isEqualTo("1h");
        assertThat(hour.path("step_seconds").asLong()).isEqualTo(60);
        assertThat(hour.path("collector").asText()).isEqualTo("ok");
        assertThat(hour.has("message")).isFalse();
        JsonNode last = hour.path("points").get(hour.path("points").size() - 1);
        long now = Instant.now().getEpochSecond();
        assertThat(last.path("t").asLong())
                .isBetween(now - 120, now)
                .isEqualTo(last.path("t").asLong() / 60 * 60);
        assertThat(last.path("cpu_percent").asDouble()).isBetween(0.0, 100.0);
        long memTotal = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                .filter(l -> l.startsWith("MemTotal:"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024)
                .findFirst()
                .orElseThrow();
        // the sandbox's sadc samples this machine: its memory, its root filesystem
        assertThat(last.path("memory_total_bytes").asLong()).isEqualTo(memTotal);
        assertThat(last.path("memory_used_bytes").asLong()).isPositive().isLessThan(memTotal);
        assertThat(last.path("disk_total_bytes").asLong()).isPositive();
        assertThat(last.path("disk_used_bytes").asLong())
                .isPositive()
                .isLessThan(last.path("disk_total_bytes").asLong());
        assertThat(last.path("load1").isNumber()).isTrue();
        assertThat(last.path("net_rx_bps").asLong()).isNotNegative();

        for (String range : new String[] {"24h", "7d"}) {
            JsonNode m = data(user.get("/api/v1/vps/" + id + "/metrics?range=" + range), 200);
            assertThat(m.path("range").asText()).isEqualTo(range);
            assertThat(m.path("step_seconds").asLong()).isEqualTo(range.equals("24h") ? 180 : 1260);
            assertThat(m.path("points").size()).isBetween(1, 500);
            assertThat(m.path("points").get(0).path("t").asLong()
                            % m.path("step_seconds").asLong())
                    .isZero();
        }
        assertThat(data(user.get("/api/v1/vps/" + id + "/metrics"), 200)
                        .path("range")
                        .asText())
                .isEqualTo("1h");

        for (String bad : new String[] {"2h", "1h;reboot", "%27%24%28id%29", "7D"}) {
            HttpResponse<String> refused = user.get("/api/v1/vps/" + id + "/metrics?range=" + bad);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            assertThat(code(refused)).isEqualTo("INVALID_RANGE");
        }
        HttpResponse<String> unknown = user.get("/api/v1/vps/987654321/metrics?range=1h");
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void metrics_shouldSayTheServerHasNoCollector_whenSysstatIsNotInstalled() throws Exception {
        long id = readyServer();
        SandboxServer box = HetznerSandbox.SIM.sandboxServer(id).orElseThrow();
        // as on a server set up before Xanthus installed sysstat: no sadf
        Path sadf = box.root().resolve("bin/sadf");
        Files.delete(sadf);
        Files.writeString(sadf, "#!/bin/bash\necho 'sadf: command not found' >&2\nexit 127\n");
        Files.setPosixFilePermissions(sadf, PosixFilePermissions.fromString("rwxr-xr-x"));

        JsonNode m = data(user.get("/api/v1/vps/" + id + "/metrics?range=24h"), 200);

        assertThat(m.path("collector").asText()).isEqualTo("not_installed");
        assertThat(m.path("points").size()).isZero();
        assertThat(m.path("message").asText()).contains("sysstat");
    }
}
