package dev.xanthus.clients.oci;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * OCI request signing (draft-cavage-http-signatures, version 1, rsa-sha256): GET/DELETE/HEAD sign
 * {@code date (request-target) host}; requests with a body also sign {@code content-length content-type
 * x-content-sha256}. Produces the headers to send; none of them is ever logged.
 */
final class OciSigner {

    static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    private final String keyId;
    private final RSAPrivateCrtKey key;

    OciSigner(OciCredentials credentials) {
        this.keyId = credentials.keyId();
        this.key = OciKeys.parsePrivateKey(credentials.privateKeyPem());
    }

    /**
     * The headers of a signed request. {@code body} null means none (GET, DELETE); a POST without content passes an
     * empty array. The {@code host} signed is the URI's authority, as the JDK client sends it.
     */
    Map<String, String> sign(String method, URI uri, byte[] body, String contentType, Instant now) {
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("date", HTTP_DATE.format(now));
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        signed.put("(request-target)", method.toLowerCase(Locale.ROOT) + " " + target);
        signed.put("host", uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort());
        boolean withBody = body != null && !method.equals("GET") && !method.equals("DELETE") && !method.equals("HEAD");
        if (withBody) {
            signed.put("content-length", Integer.toString(body.length));
            signed.put("content-type", contentType);
            signed.put("x-content-sha256", sha256(body));
        }
        StringBuilder signingString = new StringBuilder();
        signed.forEach((name, value) -> {
            if (signingString.length() > 0) {
                signingString.append('\n');
            }
            signingString.append(name).append(": ").append(value);
        });
        String signature;
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingString.toString().getBytes(StandardCharsets.UTF_8));
            signature = Base64.getEncoder().encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the OCI request", e);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Date", signed.get("date"));
        if (withBody) {
            // Content-Length and Content-Type are set by the transport from the body; only the hash is ours to add.
            headers.put("x-content-sha256", signed.get("x-content-sha256"));
        }
        headers.put(
                "Authorization",
                "Signature version=\"1\",keyId=\"" + keyId + "\",algorithm=\"rsa-sha256\",headers=\""
                        + String.join(" ", signed.keySet()) + "\",signature=\"" + signature + "\"");
        return headers;
    }

    static String sha256(byte[] body) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
