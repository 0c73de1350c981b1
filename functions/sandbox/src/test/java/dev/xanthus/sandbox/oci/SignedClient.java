package dev.xanthus.sandbox.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xanthus.sandbox.http.SimJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A minimal OCI request signer for the simulator's own tests (the real client lives in the clients module, which
 * depends on this one): signs like the OCI SDKs, with hooks to break one part of the signature at a time.
 */
final class SignedClient {

    /** What a request may get wrong on purpose. */
    record Tamper(
            Instant date,
            List<String> leaveOutOfSignature,
            UnaryOperator<byte[]> bodyAfterSigning,
            PrivateKey otherKey) {
        static Tamper none() {
            return new Tamper(null, List.of(), null, null);
        }
    }

    record Answer(int status, Map<String, List<String>> headers, String body) {
        JsonNode json() {
            try {
                return SimJson.MAPPER.readTree(body.isEmpty() ? "null" : body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }

        String code() {
            return json().path("code").asText();
        }
    }

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final URI base;
    private final String keyId;
    private final PrivateKey key;

    SignedClient(URI base, String tenancy, String user, String fingerprint, PrivateKey key) {
        this.base = base;
        this.keyId = tenancy + "/" + user + "/" + fingerprint;
        this.key = key;
    }

    Answer get(String pathAndQuery) {
        return send("GET", pathAndQuery, null, Tamper.none());
    }

    Answer delete(String pathAndQuery) {
        return send("DELETE", pathAndQuery, null, Tamper.none());
    }

    Answer post(String pathAndQuery, Object body) {
        return send("POST", pathAndQuery, json(body), Tamper.none());
    }

    /** A create with {@code opc-retry-token} (not signed: OCI does not require it to be). */
    Answer post(String pathAndQuery, Object body, String retryToken) {
        return send("POST", pathAndQuery, json(body), Tamper.none(), Map.of("opc-retry-token", retryToken));
    }

    Answer put(String pathAndQuery, Object body) {
        return send("PUT", pathAndQuery, json(body), Tamper.none());
    }

    JsonNode ok(Answer answer) {
        if (answer.status() / 100 != 2) {
            throw new AssertionError("expected success, got " + answer.status() + " " + answer.body());
        }
        return answer.json();
    }

    Answer send(String method, String pathAndQuery, byte[] body, Tamper tamper) {
        return send(method, pathAndQuery, body, tamper, Map.of());
    }

    Answer send(String method, String pathAndQuery, byte[] body, Tamper tamper, Map<String, String> unsigned) {
        URI uri = URI.create(base + "/20160918" + pathAndQuery);
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("date", HTTP_DATE.format(tamper.date() == null ? Instant.now() : tamper.date()));
        signed.put(
                "(request-target)",
                method.toLowerCase(Locale.ROOT) + " " + uri.getRawPath()
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        signed.put("host", uri.getHost() + ":" + uri.getPort());
        byte[] payload = body == null && !method.equals("GET") && !method.equals("DELETE") ? new byte[0] : body;
        if (payload != null) {
            signed.put("content-length", Integer.toString(payload.length));
            signed.put("content-type", "application/json");
            signed.put("x-content-sha256", OciSignatures.sha256(payload));
        }
        List<String> names = new ArrayList<>(signed.keySet());
        names.removeAll(tamper.leaveOutOfSignature());
        StringBuilder signingString = new StringBuilder();
        for (String name : names) {
            signingString
                    .append(signingString.length() == 0 ? "" : "\n")
                    .append(name)
                    .append(": ")
                    .append(signed.get(name));
        }
        String signature;
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(tamper.otherKey() == null ? key : tamper.otherKey());
            rsa.update(signingString.toString().getBytes(StandardCharsets.UTF_8));
            signature = Base64.getEncoder().encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Date", signed.get("date"))
                .header(
                        "Authorization",
                        "Signature version=\"1\",keyId=\"" + keyId + "\",algorithm=\"rsa-sha256\",headers=\""
                                + String.join(" ", names) + "\",signature=\"" + signature + "\"");
        unsigned.forEach(request::header);
        if (payload != null) {
            byte[] sent = tamper.bodyAfterSigning() == null
                    ? payload
                    : tamper.bodyAfterSigning().apply(payload);
            request.header("Content-Type", "application/json")
                    .header("x-content-sha256", signed.get("x-content-sha256"))
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(sent));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static byte[] json(Object body) {
        try {
            return SimJson.MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
