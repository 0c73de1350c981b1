package dev.xanthus.api.vps;

import dev.xanthus.api.support.ApiResponse;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.remote.RemoteValues;
import dev.xanthus.core.server.ServerDirectory;
import dev.xanthus.core.server.ServerHealth;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What is read and changed on a server over SSH, and the account's SSH key. */
@RestController
public class VpsShellController {

    private final ServerHealth health;
    private final ServerDirectory servers;

    /** {@code servers} holds the account key the two SSH-key routes hand out. */
    public VpsShellController(ServerHealth health, ServerDirectory servers) {
        this.health = health;
        this.servers = servers;
    }

    /** {@code {"timezone"}}. */
    public record TimeZoneRequest(String timezone) {}

    @GetMapping("/api/v1/vps/{id}/status")
    ApiResponse<ServerHealth.Status> status(Principal principal, @PathVariable long id) {
        return ApiResponse.ok(health.status(principal, id));
    }

    @GetMapping("/api/v1/vps/{id}/info")
    ApiResponse<ServerHealth.Info> info(Principal principal, @PathVariable long id) {
        return ApiResponse.ok(health.info(principal, id));
    }

    @GetMapping("/api/v1/vps/{id}/logs")
    ApiResponse<ServerHealth.Logs> logs(
            Principal principal, @PathVariable long id, @RequestParam(required = false) String lines) {
        return ApiResponse.ok(health.logs(principal, id, lines));
    }

    @GetMapping("/api/v1/vps/{id}/k3s-logs")
    ApiResponse<ServerHealth.K3sLogs> k3sLogs(
            Principal principal, @PathVariable long id, @RequestParam(required = false) String lines) {
        return ApiResponse.ok(health.k3sLogs(principal, id, lines));
    }

    @GetMapping("/api/v1/vps/timezones")
    ApiResponse<List<String>> timeZones(Principal principal) {
        return ApiResponse.ok(RemoteValues.timeZones());
    }

    @GetMapping("/api/v1/vps/{id}/timezone")
    ApiResponse<ServerHealth.TimeZone> timeZone(Principal principal, @PathVariable long id) {
        return ApiResponse.ok(health.timeZone(principal, id));
    }

    @PutMapping("/api/v1/vps/{id}/timezone")
    ApiResponse<ServerHealth.TimeZone> setTimeZone(
            Principal principal, @PathVariable long id, @RequestBody TimeZoneRequest body) {
        return ApiResponse.ok(health.setTimeZone(principal, id, body.timezone()));
    }

    @GetMapping("/api/v1/vps/ssh-key")
    ApiResponse<Map<String, String>> publicKey(Principal principal) {
        return ApiResponse.ok(Map.of("public_key", servers.publicKey(principal)));
    }

    /** The one response that carries the private key: a file download, never cached. */
    @GetMapping("/api/v1/vps/ssh-key/private")
    ResponseEntity<byte[]> privateKey(Principal principal) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/x-pem-file"))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("xanthus-key.pem")
                                .build()
                                .toString())
                .cacheControl(CacheControl.noStore())
                .body(servers.privateKeyPem(principal).getBytes(StandardCharsets.UTF_8));
    }
}
