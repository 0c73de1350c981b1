package dev.xanthus.clients.cloudflare;

import java.time.Instant;

/** The value of one zone setting; both settings we use have string values. */
public record ZoneSetting(String id, String value, boolean editable, Instant modifiedOn) {

    /** The zone settings Xanthus reads and changes. */
    public enum Id {
        /** {@code off}, {@code flexible}, {@code full} or {@code strict}. */
        SSL("ssl"),
        /** {@code on} or {@code off}. */
        ALWAYS_USE_HTTPS("always_use_https");

        private final String wireName;

        Id(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }
}
