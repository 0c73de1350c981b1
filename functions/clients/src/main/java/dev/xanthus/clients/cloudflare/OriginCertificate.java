package dev.xanthus.clients.cloudflare;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.time.Instant;
import java.util.List;

/**
 * A certificate issued by Cloudflare's Origin CA; {@code certificate} is PEM. {@code expiresOn} is read in either of
 * the forms Cloudflare answers ({@link GoTime}); null when it is in neither.
 */
public record OriginCertificate(
        String id,
        String certificate,
        List<String> hostnames,
        @JsonDeserialize(using = GoTime.Deserializer.class) Instant expiresOn,
        String requestType,
        Integer requestedValidity,
        String csr) {}
