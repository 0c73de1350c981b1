package dev.xanthus.core.testing;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.xanthus.core.auth.JwtKeys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/** Forged and broken JWTs aimed at a verifier that trusts {@code key}; each must be refused the same way. */
public final class JwtAttacks {

  private JwtAttacks() {}

  /**
   * @param validToken a genuine token for the same key, whose payload is tampered with
   * @param sid a session id that exists, so only the forgery itself can be the reason for refusal
   */
  public static Map<String, String> against(ECKey key, Instant now, String validToken, String accountId, String sid)
      throws Exception {
    Instant later = now.plusSeconds(3600);
    JWTClaimsSet good = base(now, later, accountId, sid).build();
    String[] parts = validToken.split("\\.");
    String evilPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
        base(now, later, "acc-evil", sid).build().toString().getBytes(StandardCharsets.UTF_8));
    SignedJWT hs = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), good);
    byte[] publicKeyAsSecret = key.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
    hs.sign(new MACSigner(publicKeyAsSecret.length >= 32 ? publicKeyAsSecret : Arrays.copyOf(publicKeyAsSecret, 32)));

    Map<String, String> attacks = new LinkedHashMap<>();
    attacks.put("alg none", new PlainJWT(new PlainHeader(), good).serialize());
    attacks.put("HS256 keyed with the public key", hs.serialize());
    attacks.put("signed by another key", es256(JwtKeys.generate(), good));
    attacks.put("expired", es256(key, base(now.minusSeconds(7200), now.minusSeconds(3600), accountId, sid).build()));
    attacks.put("not yet valid",
        es256(key, base(now, later, accountId, sid).notBeforeTime(Date.from(now.plusSeconds(600))).build()));
    attacks.put("wrong issuer", es256(key, base(now, later, accountId, sid).issuer("evil").build()));
    attacks.put("wrong audience", es256(key, base(now, later, accountId, sid).audience("other-api").build()));
    attacks.put("tampered payload", parts[0] + "." + evilPayload + "." + parts[2]);
    attacks.put("missing sid", es256(key, base(now, later, accountId, sid).claim("sid", null).build()));
    attacks.put("garbage", "not.a.jwt");
    return attacks;
  }

  private static JWTClaimsSet.Builder base(Instant iat, Instant exp, String accountId, String sid) {
    return new JWTClaimsSet.Builder().issuer("xanthus").audience("xanthus-api").subject(accountId)
        .claim("sid", sid).claim("namespaceId", "ns-1")
        .issueTime(Date.from(iat)).expirationTime(Date.from(exp));
  }

  private static String es256(ECKey key, JWTClaimsSet set) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).build(), set);
    jwt.sign(new ECDSASigner(key));
    return jwt.serialize();
  }
}
