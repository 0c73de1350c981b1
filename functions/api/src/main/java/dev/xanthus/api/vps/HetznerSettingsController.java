package dev.xanthus.api.vps;

import dev.xanthus.api.support.ApiResponse;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.server.HetznerKeys;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The user's Hetzner API key: whether there is one (masked), replace it, remove it. */
@RestController
public class HetznerSettingsController {

    private final HetznerKeys keys;

    public HetznerSettingsController(HetznerKeys keys) {
        this.keys = keys;
    }

    /** {@code {"key"}}. */
    public record KeyRequest(String key) {
        @Override
        public String toString() {
            return "KeyRequest[]";
        }
    }

    @GetMapping("/api/v1/settings/hetzner")
    ApiResponse<HetznerKeys.Status> get(
            Principal principal,
            @org.springframework.web.bind.annotation.RequestParam(name = "access", defaultValue = "false")
                    boolean access) {
        return ApiResponse.ok(keys.status(principal, access));
    }

    @PutMapping("/api/v1/settings/hetzner")
    ApiResponse<HetznerKeys.Status> put(Principal principal, @RequestBody KeyRequest body) {
        return ApiResponse.ok(keys.store(principal, body.key()));
    }

    @DeleteMapping("/api/v1/settings/hetzner")
    ApiResponse<Map<String, Boolean>> delete(Principal principal) {
        keys.delete(principal);
        return ApiResponse.ok(Map.of("deleted", true));
    }
}
