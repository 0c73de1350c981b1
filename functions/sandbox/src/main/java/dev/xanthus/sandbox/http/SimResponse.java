package dev.xanthus.sandbox.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer to send.
 *
 * @param injected true when a fault produced it rather than the simulator's own logic
 */
public record SimResponse(int status, Map<String, String> headers, byte[] body, boolean injected) {

    public SimResponse {
        headers = Map.copyOf(headers);
    }

    public static SimResponse json(int status, Object body) {
        try {
            return new SimResponse(
                    status, Map.of("Content-Type", "application/json"), SimJson.MAPPER.writeValueAsBytes(body), false);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise response body", e);
        }
    }

    public static SimResponse raw(int status, String contentType, byte[] body) {
        return new SimResponse(status, Map.of("Content-Type", contentType), body, false);
    }

    public SimResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new SimResponse(status, copy, body, injected);
    }

    /** This response with {@code more} headers added (or replaced), in their order. */
    public SimResponse withHeaders(Map<String, String> more) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.putAll(more);
        return new SimResponse(status, copy, body, injected);
    }

    SimResponse asInjected() {
        return new SimResponse(status, headers, body, true);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
