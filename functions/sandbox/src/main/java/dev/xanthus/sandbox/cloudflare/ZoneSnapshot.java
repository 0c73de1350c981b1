package dev.xanthus.sandbox.cloudflare;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Everything the simulator holds about one zone at one moment, for "before vs after" comparisons in tests. */
public record ZoneSnapshot(
        String zoneId,
        String name,
        Map<String, String> settings,
        List<DnsRecord> dnsRecords,
        List<PageRule> pageRules,
        List<Certificate> certificates) {

    /** A DNS record as stored. */
    public record DnsRecord(
            String id,
            String type,
            String name,
            String content,
            boolean proxied,
            int ttl,
            String comment,
            Instant createdOn,
            Instant modifiedOn) {}

    /** A page rule as stored; targets and actions are kept as sent. */
    public record PageRule(
            String id,
            JsonNode targets,
            JsonNode actions,
            int priority,
            String status,
            Instant createdOn,
            Instant modifiedOn) {}

    /** An Origin CA certificate covering the zone (its name or a subdomain); {@code revoked} once revoked. */
    public record Certificate(
            String id,
            List<String> hostnames,
            String requestType,
            int requestedValidity,
            Instant expiresOn,
            boolean revoked) {}
}
