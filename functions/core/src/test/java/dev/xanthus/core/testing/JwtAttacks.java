package dev.xanthus.core.testing;

import com.nimbusds.jose.JOSEObjectType;
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
import java.math.BigInteger;
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
        String evilPayload = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        base(now, later, "acc-evil", sid).build().toString().getBytes(StandardCharsets.UTF_8));
        SignedJWT hs = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), good);
        byte[] publicKeyAsSecret = key.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        hs.sign(new MACSigner(
                publicKeyAsSecret.length >= 32 ? publicKeyAsSecret : Arrays.copyOf(publicKeyAsSecret, 32)));

        Map<String, String> attacks = new LinkedHashMap<>();
        attacks.put("alg none", new PlainJWT(new PlainHeader(), good).serialize());
        attacks.put("HS256 keyed with the public key", hs.serialize());
        attacks.put("signed by another key", es256(JwtKeys.generate(), good));
        attacks.put(
                "expired",
                es256(
                        key,
                        base(now.minusSeconds(7200), now.minusSeconds(3600), accountId, sid)
                                .build()));
        attacks.put(
                "not yet valid",
                es256(
                        key,
                        base(now, later, accountId, sid)
                                .notBeforeTime(Date.from(now.plusSeconds(600)))
                                .build()));
        attacks.put(
                "wrong issuer",
                es256(key, base(now, later, accountId, sid).issuer("evil").build()));
        attacks.put(
                "wrong audience",
                es256(
                        key,
                        base(now, later, accountId, sid).audience("other-api").build()));
        attacks.put("tampered payload", parts[0] + "." + evilPayload + "." + parts[2]);
        attacks.put(
                "missing sid",
                es256(key, base(now, later, accountId, sid).claim("sid", null).build()));
        attacks.put("garbage", "not.a.jwt");
        // ECDSA is malleable: (r, n - s) verifies as well as (r, s), so a copy of a genuine token with a new signature
        // string would pass any "seen this token" check keyed on the text.
        attacks.put("high-S copy of a genuine token", parts[0] + "." + parts[1] + "." + highS(parts[2]));
        // Issued "later" by the real key: a token minted ahead of time (a clock gone wrong, a stolen key) must not live
        // past its natural window.
        attacks.put(
                "issued in the future",
                es256(
                        key,
                        base(now.plusSeconds(600), later.plusSeconds(600), accountId, sid)
                                .build()));
        return attacks;
    }

    /**
     * The high-S one of the two valid signatures of the same message, (r, s) and (r, n - s) with P-256's group order
     * n; a genuine token is issued with the low one, so this is always a different string.
     */
    static String highS(String signature) {
        byte[] rs = Base64.getUrlDecoder().decode(signature);
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(rs, 32, 64));
        BigInteger flipped = s.max(P256_ORDER.subtract(s));
        byte[] out = Arrays.copyOf(rs, 64);
        byte[] sBytes = flipped.toByteArray();
        Arrays.fill(out, 32, 64, (byte) 0);
        int len = Math.min(sBytes.length, 32);
        System.arraycopy(sBytes, sBytes.length - len, out, 64 - len, len);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    private static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    private static JWTClaimsSet.Builder base(Instant iat, Instant exp, String accountId, String sid) {
        return new JWTClaimsSet.Builder()
                .issuer("xanthus")
                .audience("xanthus-api")
                .subject(accountId)
                .claim("sid", sid)
                .claim("namespaceId", "ns-1")
                .issueTime(Date.from(iat))
                .expirationTime(Date.from(exp));
    }

    private static String es256(ECKey key, JWTClaimsSet set) throws Exception {
        // The same header as JwtIssuer's, so the only thing wrong with each forgery is the one it is named after.
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .type(JOSEObjectType.JWT)
                        .keyID(key.getKeyID())
                        .build(),
                set);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }
}
