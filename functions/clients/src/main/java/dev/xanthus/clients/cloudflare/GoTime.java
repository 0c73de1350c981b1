package dev.xanthus.clients.cloudflare;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times as Cloudflare's Go services write them. The Origin CA answers {@code expires_on} in Go's
 * {@code time.Time.String()} layout ({@code 2006-01-02 15:04:05.999999999 -0700 MST}), e.g.
 * {@code "2019-04-15 07:46:00 +0000 UTC"}, not RFC 3339; cloudflare-go's {@code OriginCACertificate.UnmarshalJSON}
 * tries that layout first and RFC 3339 second, and so do we (see functions/sandbox/contracts/cloudflare/origin-ca.md).
 */
public final class GoTime {

    /** Date, time with up to nine fraction digits, numeric offset, then the zone's abbreviation (which Go may omit). */
    private static final Pattern GO_STRING = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?) ([+-]\\d{4})(?: [A-Za-z0-9+-]+)?(?: m=[+-][0-9.]+)?");

    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xx");

    private GoTime() {}

    /** Either layout; empty for anything else, so a changed format is noticed by the caller, not thrown mid-flow. */
    public static Optional<Instant> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String trimmed = text.trim();
        Matcher go = GO_STRING.matcher(trimmed);
        try {
            if (go.matches()) {
                LocalDateTime local = LocalDateTime.parse(go.group(1) + "T" + go.group(2));
                return Optional.of(local.toInstant(ZoneOffset.from(OFFSET.parse(go.group(3)))));
            }
            return Optional.of(OffsetDateTime.parse(trimmed).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * For a field that only informs (the expiry is also in the PEM): an unparseable value becomes null rather than
     * failing the whole answer — failing after the certificate was issued is how certificates got orphaned.
     */
    public static final class Deserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return parse(parser.getValueAsString()).orElse(null);
        }
    }
}
