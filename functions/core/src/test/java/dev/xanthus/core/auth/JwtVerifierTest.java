package dev.xanthus.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

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

  static Stream<Arguments> attacks() throws Exception {
    Instant later = NOW.plus(Duration.ofHours(1));
    JWTClaimsSet good = base(NOW, later).build();
    ECKey other = JwtKeys.generate();
    String valid = new JwtIssuer(KEY, "xanthus", "xanthus-api").issue(claims(NOW, later));
    String[] parts = valid.split("\\.");
    String evilPayload = Base64.getUrlEncoder().withoutPadding()
        .encodeToString(base(NOW, later).subject("acc-evil").build().toString().getBytes(StandardCharsets.UTF_8));

    SignedJWT hs = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), good);
    hs.sign(new MACSigner(pad(KEY.toPublicJWK().toJSONString())));

    return Stream.of(
        Arguments.of("alg none", new PlainJWT(new PlainHeader(), good).serialize()),
        Arguments.of("HS256 keyed with the public key", hs.serialize()),
        Arguments.of("signed by another key", es256(other, good)),
        Arguments.of("expired", es256(KEY, base(NOW.minusSeconds(7200), NOW.minusSeconds(3600)).build())),
        Arguments.of("not yet valid", es256(KEY, base(NOW, later).notBeforeTime(Date.from(NOW.plusSeconds(600))).build())),
        Arguments.of("wrong issuer", es256(KEY, base(NOW, later).issuer("evil").build())),
        Arguments.of("wrong audience", es256(KEY, base(NOW, later).audience("other-api").build())),
        Arguments.of("tampered payload", parts[0] + "." + evilPayload + "." + parts[2]),
        Arguments.of("missing sid", es256(KEY, base(NOW, later).claim("sid", null).build())),
        Arguments.of("garbage", "not.a.jwt"),
        Arguments.of("empty", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("attacks")
  void verify_shouldRefuseWithOneGenericMessage(String attack, String token) {
    assertThatThrownBy(() -> verifier.verify(token))
        .isInstanceOf(AppException.Unauthorized.class)
        .hasMessage(JwtVerifier.invalid().getMessage());
  }

  private static JWTClaimsSet.Builder base(Instant iat, Instant exp) {
    return new JWTClaimsSet.Builder().issuer("xanthus").audience("xanthus-api").subject("acc-1")
        .claim("sid", "sid-1").claim("namespaceId", "ns-1")
        .issueTime(Date.from(iat)).expirationTime(Date.from(exp));
  }

  private static String es256(ECKey key, JWTClaimsSet set) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).build(), set);
    jwt.sign(new ECDSASigner(key));
    return jwt.serialize();
  }

  private static byte[] pad(String secret) {
    byte[] b = secret.getBytes(StandardCharsets.UTF_8);
    return b.length >= 32 ? b : java.util.Arrays.copyOf(b, 32);
  }
}
