package dev.xanthus.clients.cloudflare;

import java.time.Instant;

/** A DNS record of a zone. */
public record DnsRecord(
        String id,
        String type,
        String name,
        String content,
        boolean proxied,
        Integer ttl,
        String comment,
        Instant createdOn,
        Instant modifiedOn) {

    /** The comment Xanthus puts on the records it creates, so it only ever deletes its own. */
    public static final String MANAGED_COMMENT = "managed-by: xanthus";

    public boolean isManaged() {
        return MANAGED_COMMENT.equals(comment);
    }
}
