package dev.xanthus.sandbox.hetzner;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xanthus.sandbox.http.SimJson;
import dev.xanthus.sandbox.http.SimResponse;
import java.util.Map;

/** An error the simulated API answers with, in Hetzner's {@code {"error":{code,message,details}}} shape. */
final class HetznerError extends RuntimeException {

    private final int status;
    private final String code;
    private final ObjectNode details;

    HetznerError(int status, String code, String message, ObjectNode details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = details;
    }

    static HetznerError notFound(String what) {
        return new HetznerError(404, "not_found", what + " not found", null);
    }

    /** {@code invalid_input} naming the field, as Hetzner's validation does (422: the spec's "Error Codes" table). */
    static HetznerError invalidInput(String field, String problem) {
        return new HetznerError(
                422, "invalid_input", "invalid input in field '" + field + "': " + problem, fields(field, problem));
    }

    /** {@code invalid_input} worded exactly as Hetzner words this refusal, naming the field in {@code details}. */
    static HetznerError invalid(String field, String message) {
        return new HetznerError(422, "invalid_input", message, fields(field, message));
    }

    /** {@code 412 resource_unavailable}: "currently unavailable (e.g. not available for order)" in Hetzner's table. */
    static HetznerError resourceUnavailable(String message) {
        return new HetznerError(412, "resource_unavailable", message, null);
    }

    /** The answer of an endpoint Hetzner removed; {@code announcement} is the changelog entry it links. */
    static HetznerError removed(String announcement) {
        ObjectNode details = SimJson.MAPPER.createObjectNode().put("announcement", announcement);
        return new HetznerError(410, "deprecated_api_endpoint", "API functionality was removed", details);
    }

    static HetznerError uniqueness(String field, String message) {
        return new HetznerError(409, "uniqueness_error", message, fields(field, null));
    }

    static HetznerError unauthorized() {
        return new HetznerError(401, "unauthorized", "unable to authenticate", null);
    }

    /** Spec 07 "Error Codes": {@code 401 token_readonly}, "The token is only allowed to perform GET requests." */
    static HetznerError tokenReadOnly() {
        return new HetznerError(401, "token_readonly", "The token is only allowed to perform GET requests", null);
    }

    private static ObjectNode fields(String field, String problem) {
        ObjectNode details = SimJson.MAPPER.createObjectNode();
        ObjectNode entry = details.putArray("fields").addObject().put("name", field);
        if (problem != null) {
            ArrayNode messages = entry.putArray("messages");
            messages.add(problem);
        }
        return details;
    }

    SimResponse response() {
        ObjectNode body = SimJson.MAPPER.createObjectNode();
        ObjectNode error = body.putObject("error").put("code", code).put("message", getMessage());
        error.set("details", details);
        return SimResponse.json(status, body);
    }

    static SimResponse response(int status, String code, String message) {
        return new HetznerError(status, code, message, null).response();
    }

    static Map<String, String> rateLimitHeaders(long limit, long remaining, long resetEpochSecond) {
        return Map.of(
                "RateLimit-Limit",
                Long.toString(limit),
                "RateLimit-Remaining",
                Long.toString(remaining),
                "RateLimit-Reset",
                Long.toString(resetEpochSecond));
    }
}
