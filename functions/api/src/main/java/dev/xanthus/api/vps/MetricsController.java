package dev.xanthus.api.vps;

import dev.xanthus.api.support.ApiResponse;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.metrics.ServerMetrics;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A server's metrics over time, read from its sysstat over SSH on each request (nothing is stored on our side). */
@RestController
public class MetricsController {

    private final ServerMetrics metrics;

    public MetricsController(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    @GetMapping("/api/v1/vps/{id}/metrics")
    ApiResponse<ServerMetrics.Metrics> metrics(
            Principal principal, @PathVariable long id, @RequestParam(required = false) String range) {
        return ApiResponse.ok(metrics.read(principal, id, range));
    }
}
