package dev.xanthus.sandbox.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xanthus.sandbox.http.ProviderErrors;
import dev.xanthus.sandbox.http.SimRequest;
import dev.xanthus.sandbox.http.SimResponse;
import dev.xanthus.sandbox.http.SimServer;
import java.io.IOException;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * AWS's JSON 1.1 protocol (KMS, Secrets Manager): every operation is {@code POST /} with {@code X-Amz-Target:
 * <prefix>.<Operation>}, a SigV4-signed JSON body, and errors as {@code {"__type": …, "message": …}} with status 400
 * for client faults.
 */
final class AwsJson {

    /** A client fault the SDK raises as the modelled exception named {@code type}. */
    static final class Fault extends RuntimeException {
        final String type;

        Fault(String type, String message) {
            super(message);
            this.type = type;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    private AwsJson() {}

    /** A server on a free loopback port answering the operations of {@code targetPrefix}, signed for {@code signingName}. */
    static SimServer start(
            String targetPrefix, String signingName, Map<String, Function<JsonNode, Object>> operations) {
        Pattern sigV4 = Pattern.compile("AWS4-HMAC-SHA256 Credential=[^/]+/\\d{8}/[a-z0-9-]+/" + signingName
                + "/aws4_request, .*Signature=[0-9a-f]{64}");
        SimServer server = new SimServer("", new Errors());
        server.route("POST", "/", request -> {
            if (!sigV4.matcher(request.header("Authorization").orElse("")).matches()) {
                return error("IncompleteSignatureException", "Request is not signed with SigV4 for " + signingName);
            }
            String target = request.header("X-Amz-Target").orElse("");
            Function<JsonNode, Object> operation = target.startsWith(targetPrefix + ".")
                    ? operations.get(target.substring(targetPrefix.length() + 1))
                    : null;
            if (operation == null) {
                return error("UnknownOperationException", "Unknown operation " + target);
            }
            try {
                return SimResponse.raw(200, CONTENT_TYPE, JSON.writeValueAsBytes(operation.apply(body(request))));
            } catch (Fault f) {
                return error(f.type, f.getMessage());
            } catch (IOException e) {
                return error("SerializationException", "cannot write the answer");
            }
        });
        server.start("127.0.0.1", 0);
        return server;
    }

    static String text(JsonNode body, String field) {
        JsonNode value = body.path(field);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new Fault(
                    "ValidationException",
                    "1 validation error detected: Value null at '" + field
                            + "' failed to satisfy constraint: Member must not be null");
        }
        return value.asText();
    }

    private static JsonNode body(SimRequest request) {
        try {
            return JSON.readTree(
                    request.body() == null || request.body().length == 0 ? "{}".getBytes() : request.body());
        } catch (IOException e) {
            throw new Fault("SerializationException", "Start of structure or map found where not expected");
        }
    }

    static SimResponse error(String type, String message) {
        try {
            return SimResponse.raw(
                    400, CONTENT_TYPE, JSON.writeValueAsBytes(Map.of("__type", type, "message", message)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Errors implements ProviderErrors {
        @Override
        public SimResponse noRoute() {
            return error("UnknownOperationException", "Not Found");
        }

        @Override
        public SimResponse badRequest(String message) {
            return error("SerializationException", message);
        }

        @Override
        public SimResponse internalError() {
            return SimResponse.json(500, Map.of("__type", "InternalFailure", "message", "internal error"));
        }

        @Override
        public SimResponse rateLimited(long retryAfterSeconds) {
            return error("ThrottlingException", "Rate exceeded");
        }
    }
}
