package dev.xanthus.api.testing;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** Builds API Gateway HTTP API (v2) events from the recorded fixture and pushes them through a handler. */
public final class ApiEvents {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode TEMPLATE;

    static {
        try (InputStream in = ApiEvents.class.getResourceAsStream("/events/http-api-v2.json")) {
            TEMPLATE = JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ApiEvents() {}

    /** A response as API Gateway would relay it. */
    public record Response(int status, Map<String, String> headers, JsonNode body, String rawBody) {}

    public static ObjectNode event(String method, String path, String body, Map<String, String> headers) {
        ObjectNode event = TEMPLATE.deepCopy();
        event.put("rawPath", path);
        ObjectNode http = (ObjectNode) event.get("requestContext").get("http");
        http.put("method", method);
        http.put("path", path);
        ObjectNode h = (ObjectNode) event.get("headers");
        headers.forEach(h::put);
        if (body != null) {
            h.put("content-type", "application/json");
            h.put("content-length", Integer.toString(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
            event.put("body", body);
        }
        return event;
    }

    public static Response send(RequestStreamHandler handler, ObjectNode event) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), out, new TestContext());
            JsonNode response = JSON.readTree(out.toByteArray());
            String raw = response.path("body").asText("");
            JsonNode body = raw.isEmpty() ? JSON.nullNode() : parseOrText(raw);
            Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            response.path("headers")
                    .fields()
                    .forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
            response.path("multiValueHeaders")
                    .fields()
                    .forEachRemaining(
                            e -> headers.put(e.getKey(), e.getValue().path(0).asText()));
            return new Response(response.path("statusCode").asInt(), headers, body, raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Response get(RequestStreamHandler handler, String path) {
        return send(handler, event("GET", path, null, Map.of()));
    }

    private static JsonNode parseOrText(String raw) {
        try {
            return JSON.readTree(raw);
        } catch (IOException notJson) {
            return JSON.getNodeFactory().textNode(raw);
        }
    }
}
