package dev.xanthus.clients.hetzner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Hetzner error: the HTTP status (0 when no HTTP answer carried it, e.g. a failed or timed-out action), Hetzner's
 * {@code error.code} ({@code not_found}, {@code uniqueness_error}, {@code invalid_input}, …), its message and details,
 * and the endpoint that answered ({@code GET /v1/servers}; null for action failures), so that an error such as a
 * removed endpoint names what Xanthus called.
 */
public final class HetznerException extends RuntimeException {

    public static final String UNAUTHORIZED = "unauthorized";
    public static final String NOT_FOUND = "not_found";
    public static final String INVALID_INPUT = "invalid_input";
    public static final String UNIQUENESS_ERROR = "uniqueness_error";
    public static final String RATE_LIMIT_EXCEEDED = "rate_limit_exceeded";
    public static final String ACTION_TIMEOUT = "action_timeout";
    /** 410: the endpoint was removed (e.g. {@code /datacenters} since 2026-10-01). */
    public static final String DEPRECATED_API_ENDPOINT = "deprecated_api_endpoint";
    /** 412: the resource is not available for order (a sold-out or retired server type). */
    public static final String RESOURCE_UNAVAILABLE = "resource_unavailable";
    /** 401: the token may only read. */
    public static final String TOKEN_READONLY = "token_readonly";

    private final int status;
    private final String code;
    private final Map<String, Object> details;
    private final String endpoint;

    public HetznerException(int status, String code, String message, Map<String, Object> details) {
        this(status, code, message, details, null);
    }

    public HetznerException(int status, String code, String message, Map<String, Object> details, String endpoint) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = details == null ? Map.of() : details;
        this.endpoint = endpoint;
    }

    /** {@code METHOD /v1/path-template} of the call Hetzner answered, or null. */
    public String endpoint() {
        return endpoint;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    public boolean is(String errorCode) {
        return code.equals(errorCode);
    }

    /** {@code details.fields} as field name → messages (empty lists for fields named without messages). */
    public Map<String, List<String>> fieldErrors() {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        if (details.get("fields") instanceof List<?> list) {
            for (Object entry : list) {
                if (entry instanceof Map<?, ?> field && field.get("name") instanceof String name) {
                    List<String> messages = new ArrayList<>();
                    if (field.get("messages") instanceof List<?> texts) {
                        texts.forEach(text -> messages.add(String.valueOf(text)));
                    }
                    fields.put(name, messages);
                }
            }
        }
        return fields;
    }

    @Override
    public String getMessage() {
        return "Hetzner " + (status == 0 ? "" : status + " ") + code + ": " + super.getMessage();
    }
}
