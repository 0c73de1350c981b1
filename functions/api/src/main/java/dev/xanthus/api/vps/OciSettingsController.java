package dev.xanthus.api.vps;

import dev.xanthus.api.support.ApiResponse;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.server.OciSettings;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The user's Oracle Cloud API key: what is stored (never the key), replace it after a signed test call, remove it. */
@RestController
public class OciSettingsController {

    private final OciSettings settings;

    public OciSettingsController(OciSettings settings) {
        this.settings = settings;
    }

    @GetMapping("/api/v1/settings/oci")
    ApiResponse<OciSettings.Status> get(Principal principal) {
        return ApiResponse.ok(settings.status(principal));
    }

    @PutMapping("/api/v1/settings/oci")
    ApiResponse<OciSettings.Status> put(Principal principal, @RequestBody OciSettings.StoreRequest body) {
        return ApiResponse.ok(settings.store(principal, body));
    }

    @DeleteMapping("/api/v1/settings/oci")
    ApiResponse<OciSettings.Status> delete(Principal principal) {
        settings.delete(principal);
        return ApiResponse.ok(OciSettings.Status.NONE);
    }
}
