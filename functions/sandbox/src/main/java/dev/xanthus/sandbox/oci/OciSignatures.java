package dev.xanthus.sandbox.oci;

import dev.xanthus.sandbox.http.SimRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks OCI request signatures as OCI does (draft-cavage-http-signatures, version 1, rsa-sha256): the signing key
 * must be registered for {@code <tenancy>/<user>/<fingerprint>}, the {@code Date} (or {@code x-date}) within five
 * minutes of now, the signed header list must cover {@code date (request-target) host} and, for requests with a body,
 * {@code content-length content-type x-content-sha256}, and the body must hash to {@code x-content-sha256}.
 */
final class OciSignatures {

    /** The caller a valid signature proves. */
    record Caller(String tenancy, String user, String fingerprint) {}

    static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final Pattern PARAM = Pattern.compile("([a-zA-Z]+)=\"([^\"]*)\"");
    private static final List<String> REQUIRED = List.of("(request-target)", "host");
    private static final List<String> BODY_REQUIRED = List.of("content-length", "content-type", "x-content-sha256");

    private final Map<String, PublicKey> keys = new ConcurrentHashMap<>();
    private final Clock clock;

    OciSignatures(Clock clock) {
        this.clock = clock;
    }

    void register(String tenancy, String user, String fingerprint, PublicKey key) {
        keys.put(tenancy + "/" + user + "/" + fingerprint, key);
    }

    boolean unregister(String keyId) {
        return keys.remove(keyId) != null;
    }

    List<String> keyIds() {
        return keys.keySet().stream().sorted().toList();
    }

    /** The caller, or {@link OciError} 401 NotAuthenticated saying (in the message only) what was wrong. */
    Caller verify(SimRequest request) {
        String authorization = request.header("Authorization").orElse("");
        if (!authorization.startsWith("Signature ")) {
            throw unauthenticated("no Signature authorization header");
        }
        Map<String, String> params = new LinkedHashMap<>();
        Matcher matcher = PARAM.matcher(authorization.substring("Signature ".length()));
        while (matcher.find()) {
            params.put(matcher.group(1), matcher.group(2));
        }
        if (!"1".equals(params.getOrDefault("version", "1"))) {
            throw unauthenticated("unsupported signature version");
        }
        if (!"rsa-sha256".equals(params.get("algorithm"))) {
            throw unauthenticated("algorithm must be rsa-sha256");
        }
        String keyId = params.get("keyId");
        String signature = params.get("signature");
        String headerList = params.get("headers");
        if (keyId == null || signature == null || headerList == null) {
            throw unauthenticated("keyId, headers and signature are required");
        }
        List<String> signed = List.of(headerList.toLowerCase(Locale.ROOT).trim().split("\\s+"));
        if (!signed.contains("date") && !signed.contains("x-date")) {
            throw unauthenticated("the signature must cover date or x-date");
        }
        for (String header : REQUIRED) {
            if (!signed.contains(header)) {
                throw unauthenticated("the signature must cover " + header);
            }
        }
        boolean hasBody = List.of("POST", "PUT", "PATCH").contains(request.method());
        if (hasBody) {
            for (String header : BODY_REQUIRED) {
                if (!signed.contains(header)) {
                    throw unauthenticated("the signature of a " + request.method() + " must cover " + header);
                }
            }
        }
        String dateValue = request.header(signed.contains("x-date") ? "x-date" : "date")
                .orElseThrow(() -> unauthenticated("the Date header is missing"));
        Instant date;
        try {
            date = ZonedDateTime.parse(dateValue, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException e) {
            throw unauthenticated("the Date header is not an RFC 1123 date");
        }
        if (Duration.between(date, clock.instant()).abs().compareTo(MAX_SKEW) > 0) {
            throw unauthenticated("the Date header is more than 5 minutes away from the server's clock");
        }
        if (signed.contains("x-content-sha256")) {
            String claimed =
                    request.header("x-content-sha256").orElseThrow(() -> unauthenticated("x-content-sha256 missing"));
            if (!claimed.equals(sha256(request.body()))) {
                throw unauthenticated("x-content-sha256 does not match the body");
            }
        }
        if (signed.contains("content-length")) {
            String length = request.header("Content-Length").orElse("0");
            if (!length.trim().equals(Integer.toString(request.body().length))) {
                throw unauthenticated("content-length does not match the body");
            }
        }
        PublicKey key = keys.get(keyId);
        if (key == null) {
            throw unauthenticated("unknown keyId");
        }
        StringBuilder signingString = new StringBuilder();
        for (String header : signed) {
            String value =
                    switch (header) {
                        case "(request-target)" ->
                            request.method().toLowerCase(Locale.ROOT) + " " + request.rawTarget();
                        // A request without a body may leave content-length out; signing it as 0 is what the SDKs do.
                        case "content-length" ->
                            request.header("Content-Length").orElse("0");
                        default ->
                            request.header(header)
                                    .orElseThrow(() -> unauthenticated("signed header " + header + " missing"));
                    };
            if (signingString.length() > 0) {
                signingString.append('\n');
            }
            signingString.append(header).append(": ").append(value);
        }
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update(signingString.toString().getBytes(StandardCharsets.UTF_8));
            if (!rsa.verify(Base64.getDecoder().decode(signature))) {
                throw unauthenticated("signature does not verify");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw unauthenticated("signature does not verify");
        }
        String[] parts = keyId.split("/");
        return new Caller(parts[0], parts.length > 1 ? parts[1] : "", parts.length > 2 ? parts[2] : "");
    }

    Optional<PublicKey> key(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    static String sha256(byte[] body) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** OCI's answer names no detail; the simulator adds the reason so failing tests say why. */
    private static OciError unauthenticated(String reason) {
        return OciError.notAuthenticated(
                "The required information to complete authentication was not provided or was incorrect. (" + reason
                        + ")");
    }
}
