package dev.xanthus.api.terminal;

import dev.xanthus.api.support.ApiResponse;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.terminal.TerminalService;
import dev.xanthus.core.terminal.TerminalSession;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Terminal sessions: open one (a single-use relay ticket), list, end, and download a recording. */
@RestController
public class TerminalController {

    private final TerminalService terminals;

    public TerminalController(TerminalService terminals) {
        this.terminals = terminals;
    }

    /** {@code {"vpsId","cols","rows","record"?}}: the server by id only; its host and key never come from the browser. */
    public record OpenRequest(Long vpsId, Integer cols, Integer rows, Boolean record) {}

    @PostMapping("/api/v1/terminal/sessions")
    ResponseEntity<ApiResponse<TerminalService.Opened>> open(Principal principal, @RequestBody OpenRequest body) {
        if (body.vpsId() == null || body.vpsId() <= 0) {
            throw AppException.badRequest("INVALID_VPS_ID", "vpsId must be the numeric id of one of your servers.");
        }
        TerminalService.Opened opened = terminals.open(
                principal,
                body.vpsId(),
                body.cols() == null ? 80 : body.cols(),
                body.rows() == null ? 24 : body.rows(),
                Boolean.TRUE.equals(body.record()));
        return ResponseEntity.status(HttpStatus.CREATED)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(ApiResponse.ok(opened));
    }

    @GetMapping("/api/v1/terminal/sessions")
    ApiResponse<List<TerminalSession>> list(Principal principal) {
        return ApiResponse.ok(terminals.list(principal));
    }

    @DeleteMapping("/api/v1/terminal/sessions/{id}")
    ResponseEntity<ApiResponse<Map<String, Object>>> end(Principal principal, @PathVariable String id) {
        terminals.end(principal, id);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(ApiResponse.ok(Map.of("session_id", id, "ending", true)));
    }

    @GetMapping("/api/v1/terminal/sessions/{id}/recording")
    ResponseEntity<byte[]> recording(Principal principal, @PathVariable String id) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/x-asciicast"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"terminal-" + id + ".cast\"")
                .body(terminals.recording(principal, id));
    }
}
