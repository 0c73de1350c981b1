package dev.xanthus.api.apps;

import dev.xanthus.api.support.ApiResponse;
import dev.xanthus.core.app.AppCredentials;
import dev.xanthus.core.app.AppDeployments;
import dev.xanthus.core.app.AppRecords;
import dev.xanthus.core.app.Application;
import dev.xanthus.core.app.Applications;
import dev.xanthus.core.app.PortForwards;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.server.PortForward;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Applications: deploy, list, upgrade, delete (asynchronous jobs), passwords, tokens and port-forwards. */
@RestController
public class ApplicationsController {

    private final AppRecords records;
    private final AppDeployments deployments;
    private final AppCredentials credentials;
    private final PortForwards portForwards;

    public ApplicationsController(Applications apps) {
        this.records = apps.records();
        this.deployments = apps.deployments();
        this.credentials = apps.credentials();
        this.portForwards = apps.portForwards();
    }

    /** Body of {@code POST …/upgrade}. */
    public record UpgradeRequest(String version) {}

    /** Body of {@code POST …/password}; the password is never logged or echoed. */
    public record PasswordRequest(String password) {
        @Override
        public String toString() {
            return "PasswordRequest[***]";
        }
    }

    @GetMapping("/api/v1/applications/prerequisites")
    ApiResponse<AppDeployments.Prerequisites> prerequisites(Principal principal) {
        return ApiResponse.ok(deployments.prerequisites(principal));
    }

    @GetMapping("/api/v1/applications")
    ApiResponse<List<Application>> list(Principal principal) {
        return ApiResponse.ok(records.list(principal));
    }

    @PostMapping("/api/v1/applications")
    ResponseEntity<ApiResponse<AppDeployments.Accepted>> create(
            Principal principal, @RequestBody(required = false) AppDeployments.CreateRequest body) {
        return accepted(deployments.create(principal, body));
    }

    @GetMapping("/api/v1/applications/{id}")
    ApiResponse<Application> get(Principal principal, @PathVariable String id) {
        return ApiResponse.ok(records.get(principal, id));
    }

    @PostMapping("/api/v1/applications/{id}/upgrade")
    ResponseEntity<ApiResponse<AppDeployments.Accepted>> upgrade(
            Principal principal, @PathVariable String id, @RequestBody(required = false) UpgradeRequest body) {
        return accepted(deployments.upgrade(principal, id, body == null ? null : body.version()));
    }

    @DeleteMapping("/api/v1/applications/{id}")
    ResponseEntity<ApiResponse<AppDeployments.Accepted>> delete(
            Principal principal,
            @PathVariable String id,
            @RequestParam(required = false, defaultValue = "false") boolean purgeData) {
        return accepted(deployments.delete(principal, id, purgeData));
    }

    @GetMapping("/api/v1/applications/{id}/password")
    ApiResponse<AppCredentials.Password> password(Principal principal, @PathVariable String id) {
        return ApiResponse.ok(credentials.password(principal, id));
    }

    @PostMapping("/api/v1/applications/{id}/password")
    ApiResponse<Map<String, Object>> changePassword(
            Principal principal, @PathVariable String id, @RequestBody(required = false) PasswordRequest body) {
        credentials.changePassword(principal, id, body == null ? null : body.password());
        return ApiResponse.ok(Map.of("app_id", id, "changed", true));
    }

    @GetMapping("/api/v1/applications/{id}/token")
    ApiResponse<AppCredentials.Token> token(
            Principal principal, @PathVariable String id, @RequestParam(required = false) String duration) {
        return ApiResponse.ok(credentials.token(principal, id, duration));
    }

    @GetMapping("/api/v1/applications/{id}/port-forwards")
    ApiResponse<List<PortForward>> portForwards(Principal principal, @PathVariable String id) {
        return ApiResponse.ok(portForwards.list(principal, id));
    }

    @PostMapping("/api/v1/applications/{id}/port-forwards")
    ResponseEntity<ApiResponse<PortForward>> addPortForward(
            Principal principal,
            @PathVariable String id,
            @RequestBody(required = false) PortForwards.PortForwardRequest body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(ApiResponse.ok(portForwards.add(principal, id, body)));
    }

    @DeleteMapping("/api/v1/applications/{id}/port-forwards/{pfId}")
    ApiResponse<Map<String, Object>> deletePortForward(
            Principal principal, @PathVariable String id, @PathVariable String pfId) {
        portForwards.delete(principal, id, pfId);
        return ApiResponse.ok(Map.of("deleted", pfId));
    }

    private static ResponseEntity<ApiResponse<AppDeployments.Accepted>> accepted(AppDeployments.Accepted a) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(ApiResponse.ok(a));
    }
}
