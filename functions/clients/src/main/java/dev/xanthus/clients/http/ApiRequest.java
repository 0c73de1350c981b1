package dev.xanthus.clients.http;

import java.net.URI;
import java.util.Map;

/**
 * One HTTP call: the concrete URI, the path template it came from (the only form that is ever logged),
 * headers (may hold a token: never logged) and an optional body.
 *
 * @param retryable whether a failed attempt may be repeated; true for GET, chosen by the caller for DELETE, false otherwise
 */
public record ApiRequest(
        String method,
        URI uri,
        String pathTemplate,
        Map<String, String> headers,
        byte[] body,
        String contentType,
        boolean retryable) {

    public ApiRequest {
        headers = Map.copyOf(headers);
    }

    public static ApiRequest get(URI uri, String pathTemplate, Map<String, String> headers) {
        return new ApiRequest("GET", uri, pathTemplate, headers, null, null, true);
    }

    /** A DELETE; pass {@code idempotent} only when repeating it cannot change the outcome. */
    public static ApiRequest delete(URI uri, String pathTemplate, Map<String, String> headers, boolean idempotent) {
        return new ApiRequest("DELETE", uri, pathTemplate, headers, null, null, idempotent);
    }

    /** A POST, PUT or PATCH with a body: never retried, as a repeat could apply it twice. */
    public static ApiRequest write(
            String method, URI uri, String pathTemplate, Map<String, String> headers, byte[] body, String contentType) {
        return new ApiRequest(method, uri, pathTemplate, headers, body, contentType, false);
    }

    /** What logs and exception messages may say about this request. */
    public String describe() {
        return method + " " + pathTemplate;
    }
}
