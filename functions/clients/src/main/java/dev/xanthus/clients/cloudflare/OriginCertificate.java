package dev.xanthus.clients.cloudflare;

import java.time.Instant;
import java.util.List;

/** A certificate issued by Cloudflare's Origin CA; {@code certificate} is PEM. */
public record OriginCertificate(String id, String certificate, List<String> hostnames, Instant expiresOn,
    String requestType, Integer requestedValidity, String csr) {
}
