package dev.xanthus.api.vps;

import dev.xanthus.api.support.ApiResponse;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.server.AppRecord;
import dev.xanthus.core.server.ServerOptions;
import dev.xanthus.core.server.ServerService;
import dev.xanthus.core.server.ServerView;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Hetzner server lifecycle: options, names, list, create, read, delete, power and actions. */
@RestController
public class VpsController {

  private final ServerService servers;

  public VpsController(ServerService servers) {
    this.servers = servers;
  }

  /** {@code {"name"}}. */
  public record NameRequest(String name) {}

  /** {@code {"action": "on"|"off"|"shutdown"|"reboot"}}. */
  public record PowerRequest(String action) {}

  @GetMapping("/api/v1/vps/options")
  ApiResponse<ServerOptions> options(Principal principal, @RequestParam(required = false) String location,
      @RequestParam(required = false) String architecture,
      @RequestParam(name = "cpu_type", required = false) String cpuType,
      @RequestParam(required = false) String sort) {
    return ApiResponse.ok(servers.options(principal, location, architecture, cpuType, sort));
  }

  @PostMapping("/api/v1/vps/validate-name")
  ApiResponse<Map<String, Object>> validateName(Principal principal, @RequestBody NameRequest body) {
    servers.checkNameAvailable(principal, body.name());
    return ApiResponse.ok(Map.of("name", body.name(), "available", true));
  }

  @GetMapping("/api/v1/vps")
  ApiResponse<List<ServerView>> list(Principal principal) {
    return ApiResponse.ok(servers.list(principal));
  }

  @PostMapping("/api/v1/vps")
  @ResponseStatus(HttpStatus.CREATED)
  ApiResponse<ServerService.Created> create(Principal principal, @RequestBody ServerService.CreateRequest body) {
    return ApiResponse.ok(servers.create(principal, body));
  }

  @GetMapping("/api/v1/vps/{id}")
  ApiResponse<ServerView> get(Principal principal, @PathVariable long id) {
    return ApiResponse.ok(servers.get(principal, id));
  }

  @DeleteMapping("/api/v1/vps/{id}")
  ApiResponse<ServerService.Deleted> delete(Principal principal, @PathVariable long id) {
    return ApiResponse.ok(servers.delete(principal, id));
  }

  @PostMapping("/api/v1/vps/{id}/power")
  @ResponseStatus(HttpStatus.ACCEPTED)
  ApiResponse<ServerService.ActionView> power(Principal principal, @PathVariable long id,
      @RequestBody PowerRequest body) {
    return ApiResponse.ok(servers.power(principal, id, body.action()));
  }

  @GetMapping("/api/v1/vps/{id}/actions/{actionId}")
  ApiResponse<ServerService.ActionView> action(Principal principal, @PathVariable long id,
      @PathVariable long actionId) {
    return ApiResponse.ok(servers.action(principal, id, actionId));
  }

  @GetMapping("/api/v1/vps/{id}/applications")
  ApiResponse<List<AppRecord>> applications(Principal principal, @PathVariable long id) {
    return ApiResponse.ok(servers.applications(principal, id));
  }
}
