package dev.xanthus.clients.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;

/** A provider's answer, whatever its status; interpreting it is the provider client's job. */
public record ApiResponse(int status, HttpHeaders headers, byte[] body) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The body as a JSON tree; a body that is not JSON reads as a missing node. */
    public JsonNode json() {
        if (body.length == 0) {
            return Json.MAPPER.missingNode();
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return Json.MAPPER.missingNode();
        }
    }

    public <T> T json(Class<T> type) {
        try {
            return Json.MAPPER.readValue(body, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unexpected response body", e);
        }
    }
}
