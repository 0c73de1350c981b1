package dev.xanthus.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * A request as a route handler sees it: path variables and query values already decoded; {@code rawTarget} is the
 * path and query exactly as sent (what a request signature covers).
 */
public record SimRequest(
        String method,
        String path,
        String route,
        Map<String, String> pathParams,
        Map<String, String> query,
        Headers headers,
        byte[] body,
        String rawTarget) {

    public String pathParam(String name) {
        return pathParams.get(name);
    }

    public Optional<String> query(String name) {
        return Optional.ofNullable(query.get(name)).filter(v -> !v.isEmpty());
    }

    /** An integer query value; a missing or unparsable one reads as {@code fallback}. */
    public int intQuery(String name, int fallback) {
        try {
            return query(name).map(Integer::parseInt).orElse(fallback);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.getFirst(name));
    }

    /** The body as JSON; throws {@link BadRequestException} when it is not. */
    public JsonNode json() {
        try {
            JsonNode node = SimJson.MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new BadRequestException("empty JSON body");
            }
            return node;
        } catch (IOException e) {
            throw new BadRequestException("malformed JSON body");
        }
    }

    /** Thrown by handlers for input the provider would reject as malformed. */
    public static final class BadRequestException extends RuntimeException {
        public BadRequestException(String message) {
            super(message, null, false, false);
        }
    }
}
