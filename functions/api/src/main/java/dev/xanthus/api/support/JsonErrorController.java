package dev.xanthus.api.support;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Errors raised outside MVC (a filter, the container) still answer in the one JSON shape, never an HTML page. */
@RestController
public class JsonErrorController implements ErrorController {

    @RequestMapping(value = "${server.error.path:/error}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        String id = RequestIdFilter.requestId(request);
        if (!(code instanceof Integer i)) {
            // Asked for directly, not forwarded by the container: there is no such route.
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(ErrorBody.of("ROUTE_NOT_FOUND", "No such route: " + request.getRequestURI(), Map.of(), id));
        }
        HttpStatus status = HttpStatus.resolve(i);
        if (status == null) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        Map<String, Object> body = status.is5xxServerError()
                ? ErrorBody.internal(id)
                : ErrorBody.of(status.name(), status.getReasonPhrase(), Map.of(), id);
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body);
    }
}
