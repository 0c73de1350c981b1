package dev.xanthus.core.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.Date;

/**
 * Signs session JWTs with ES256, so anything holding only the public key (the relay) can verify them. Signatures are
 * issued in low-S form, the only one {@link JwtVerifier} accepts.
 */
public final class JwtIssuer {

    private final ECKey key;
    private final ECDSASigner signer;
    private final String issuer;
    private final String audience;

    public JwtIssuer(ECKey privateKey, String issuer, String audience) {
        try {
            this.key = privateKey;
            this.signer = new ECDSASigner(privateKey);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("not a usable EC signing key", e);
        }
        this.issuer = issuer;
        this.audience = audience;
    }

    public String issue(SessionClaims claims) {
        JWTClaimsSet set = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(claims.accountId())
                .claim("email", claims.email())
                .claim("name", claims.name())
                .claim("namespaceId", claims.namespaceId())
                .claim("sid", claims.sessionId())
                .issueTime(Date.from(claims.issuedAt()))
                .notBeforeTime(Date.from(claims.issuedAt()))
                .expirationTime(Date.from(claims.expiresAt()))
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(JOSEObjectType.JWT)
                .keyID(key.getKeyID())
                .build();
        SignedJWT jwt = new SignedJWT(header, set);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign JWT", e);
        }
        return LowS.normalize(jwt.serialize());
    }
}
