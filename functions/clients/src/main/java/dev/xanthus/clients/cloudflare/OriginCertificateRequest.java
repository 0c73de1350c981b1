package dev.xanthus.clients.cloudflare;

import java.util.List;

/**
 * The body of {@code POST /certificates}.
 *
 * @param requestedValidity days; Cloudflare accepts 7, 30, 90, 365, 730, 1095 or 5475
 * @param requestType       {@code origin-rsa} or {@code origin-ecc}, matching the CSR's key
 */
public record OriginCertificateRequest(String csr, List<String> hostnames, int requestedValidity, String requestType) {

    /** Fifteen years, as the Go program asked for. */
    public static final int DEFAULT_VALIDITY_DAYS = 5475;

    public static OriginCertificateRequest rsa(String csrPem, List<String> hostnames, int validityDays) {
        return new OriginCertificateRequest(csrPem, List.copyOf(hostnames), validityDays, "origin-rsa");
    }
}
