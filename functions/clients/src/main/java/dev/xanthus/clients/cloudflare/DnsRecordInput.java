package dev.xanthus.clients.cloudflare;

/** The body of a DNS record create or update; {@code ttl} 1 means "automatic". */
public record DnsRecordInput(String type, String name, String content, boolean proxied, int ttl, String comment) {

    /** A record marked as ours, with automatic TTL. */
    public static DnsRecordInput managed(String type, String name, String content, boolean proxied) {
        return new DnsRecordInput(type, name, content, proxied, 1, DnsRecord.MANAGED_COMMENT);
    }
}
