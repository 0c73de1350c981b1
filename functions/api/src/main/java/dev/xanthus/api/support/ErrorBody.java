package dev.xanthus.api.support;

import java.util.LinkedHashMap;
import java.util.Map;

/** The one error shape: {@code {"status":"error","error":{"code","message",["details"]},"requestId"}}. */
public final class ErrorBody {

    private ErrorBody() {}

    public static Map<String, Object> of(String code, String message, Map<String, Object> details, String requestId) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        if (details != null && !details.isEmpty()) {
            error.put("details", details);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("error", error);
        body.put("requestId", requestId);
        return body;
    }

    /** The generic 5xx body: a code and the request id to quote, never what went wrong inside. */
    public static Map<String, Object> internal(String requestId) {
        return of(
                "INTERNAL_ERROR",
                "Something went wrong on our side. Quote request id " + requestId + " if it persists.",
                Map.of(),
                requestId);
    }
}
