package dev.xanthus.clients.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xanthus.clients.http.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GoTimeTest {

    @Test
    void parse_shouldReadGosTimeString_asTheOriginCaAnswersIt() {
        assertThat(GoTime.parse("2019-04-15 07:46:00 +0000 UTC")).hasValue(Instant.parse("2019-04-15T07:46:00Z"));
        assertThat(GoTime.parse("2041-11-28 09:15:02.123456789 +0000 UTC"))
                .hasValue(Instant.parse("2041-11-28T09:15:02.123456789Z"));
        assertThat(GoTime.parse("2019-04-15 09:46:00 +0200 CEST")).hasValue(Instant.parse("2019-04-15T07:46:00Z"));
        // Go prints the numeric offset again when a zone has no abbreviation
        assertThat(GoTime.parse("2019-04-15 07:46:00 -0100 -0100")).hasValue(Instant.parse("2019-04-15T08:46:00Z"));
    }

    @Test
    void parse_shouldFallBackToRfc3339_andGiveEmptyForAnythingElse() {
        assertThat(GoTime.parse("2014-01-01T05:20:00.12345Z")).hasValue(Instant.parse("2014-01-01T05:20:00.12345Z"));
        assertThat(GoTime.parse("2014-01-01T07:20:00+02:00")).hasValue(Instant.parse("2014-01-01T05:20:00Z"));
        assertThat(GoTime.parse("15/04/2019")).isEmpty();
        assertThat(GoTime.parse("")).isEmpty();
        assertThat(GoTime.parse(null)).isEmpty();
    }

    @Test
    void originCertificate_shouldDecode_whateverFormExpiresOnTakes() throws Exception {
        String go = "{\"id\":\"1\",\"expires_on\":\"2019-04-15 07:46:00 +0000 UTC\"}";
        String odd = "{\"id\":\"2\",\"expires_on\":\"next tuesday\"}";

        assertThat(Json.MAPPER.readValue(go, OriginCertificate.class).expiresOn())
                .isEqualTo(Instant.parse("2019-04-15T07:46:00Z"));
        assertThat(Json.MAPPER.readValue(odd, OriginCertificate.class).expiresOn())
                .isNull();
    }
}
