package dev.xanthus.api.testing;

import dev.xanthus.core.error.AppException;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Test-only routes that make the error mapper show each of its answers. */
@RestController
public class ErrorProbeController {

    public static final String SECRET_DETAIL = "db password is hunter2";

    @PostMapping("/test/echo")
    Map<String, Object> echo(@RequestBody Map<String, Object> body) {
        return Map.of("status", "success", "data", body);
    }

    @GetMapping("/test/boom")
    Map<String, Object> boom() {
        throw new IllegalStateException(SECRET_DETAIL);
    }

    @GetMapping("/test/upstream")
    Map<String, Object> upstream() {
        throw new AppException.Upstream(
                "CLOUDFLARE_UNAVAILABLE",
                "Cloudflare did not answer.",
                Map.of(),
                new java.io.IOException("connection reset", new IllegalStateException(SECRET_DETAIL)));
    }

    @GetMapping("/test/conflict")
    Map<String, Object> conflict() {
        throw AppException.conflict("VPS_NAME_TAKEN", "A server with this name already exists.");
    }
}
