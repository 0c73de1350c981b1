package dev.xanthus.api.health;

import dev.xanthus.core.config.AppConfig;
import dev.xanthus.core.health.HealthCheck;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /health}: 200 when every dependency answers, 503 naming the one that does not; warnings (e.g. the
 * Origin CA root expiring within a year) keep 200 and say why under {@code details}.
 */
@RestController
public class HealthController {

    private final List<HealthCheck> checks;
    private final String version;

    public HealthController(List<HealthCheck> checks, AppConfig config) {
        this.checks = checks;
        this.version = config.version();
    }

    @GetMapping("/health")
    ResponseEntity<Map<String, Object>> health() {
        Map<String, String> results = new LinkedHashMap<>();
        Map<String, String> details = new LinkedHashMap<>();
        boolean ok = true;
        for (HealthCheck check : checks) {
            HealthCheck.Result result = check.check();
            results.put(check.name(), result.label());
            if (result != HealthCheck.Result.OK) {
                check.detail().ifPresent(detail -> details.put(check.name(), detail));
            }
            ok &= result != HealthCheck.Result.FAILING;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ok ? "ok" : "degraded");
        body.put("version", version);
        body.put("checks", results);
        if (!details.isEmpty()) {
            body.put("details", details);
        }
        return ResponseEntity.status(ok ? 200 : 503).body(body);
    }
}
