package dev.xanthus.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.ECKey;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.testing.JwtAttacks;
import dev.xanthus.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JwtVerifierTest {

    private static final ECKey KEY = JwtKeys.generate();
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private final MutableClock clock = new MutableClock(NOW);
    private final JwtVerifier verifier = new JwtVerifier(KEY.toPublicJWK(), "xanthus", "xanthus-api", clock);
    private final JwtIssuer issuer = new JwtIssuer(KEY, "xanthus", "xanthus-api");

    private static SessionClaims claims(Instant iat, Instant exp) {
        return new SessionClaims("acc-1", "dev@example.com", "Dev", "ns-1", "sid-1", iat, exp);
    }

    @Test
    void verify_shouldReturnClaims_whenTokenIsValid() {
        String jwt = issuer.issue(claims(NOW, NOW.plus(Duration.ofHours(24))));

        SessionClaims verified = verifier.verify(jwt);

        assertThat(verified.accountId()).isEqualTo("acc-1");
        assertThat(verified.sessionId()).isEqualTo("sid-1");
        assertThat(verified.namespaceId()).isEqualTo("ns-1");
        assertThat(verified.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(24)));
    }

    @Test
    void verify_shouldTolerateSkewUpTo60Seconds_butNoMore() {
        String jwt = issuer.issue(claims(NOW.minusSeconds(3600), NOW));

        clock.advance(Duration.ofSeconds(59));
        assertThat(verifier.verify(jwt).sessionId()).isEqualTo("sid-1");
        clock.advance(Duration.ofSeconds(2));
        assertThatThrownBy(() -> verifier.verify(jwt)).isInstanceOf(AppException.Unauthorized.class);
    }

    @Test
    void verify_shouldAcceptAnIssueTimeWithinTheSkew_butNotBeyond() {
        assertThat(verifier.verify(issuer.issue(claims(NOW.plusSeconds(30), NOW.plusSeconds(3600))))
                        .sessionId())
                .isEqualTo("sid-1");
        assertThatThrownBy(() -> verifier.verify(issuer.issue(claims(NOW.plusSeconds(61), NOW.plusSeconds(3600)))))
                .isInstanceOf(AppException.Unauthorized.class);
    }

    @Test
    void issue_shouldSignInLowSForm_everyTime() {
        // A signer left alone picks high S half the time; 64 in a row would all be refused if one slipped through.
        for (int i = 0; i < 64; i++) {
            assertThat(LowS.isLowS(
                            issuer.issue(claims(NOW, NOW.plusSeconds(3600))).replaceAll(".*\\.", "")))
                    .isTrue();
        }
    }

    static Stream<Arguments> attacks() throws Exception {
        String valid = new JwtIssuer(KEY, "xanthus", "xanthus-api").issue(claims(NOW, NOW.plusSeconds(3600)));
        return JwtAttacks.against(KEY, NOW, valid, "acc-1", "sid-1").entrySet().stream()
                .map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @Test
    void verify_shouldRefuseEmptyToken() {
        assertThatThrownBy(() -> verifier.verify("")).isInstanceOf(AppException.Unauthorized.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void verify_shouldRefuseWithOneGenericMessage(String attack, String token) {
        assertThatThrownBy(() -> verifier.verify(token))
                .as(attack)
                .isInstanceOf(AppException.Unauthorized.class)
                .hasMessage(JwtVerifier.invalid().getMessage());
    }
}
