package dev.xanthus.core.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.xanthus.core.error.AppException;
import java.time.Clock;
import java.util.Date;
import java.util.Set;

/**
 * Verifies session JWTs: ES256 only, signature (low-S only: see {@link LowS}), issuer, audience, required claims,
 * and exp/nbf/iat with at most 60 s of skew. A token issued in the future is refused: JwtIssuer never mints one,
 * so it can only come from a clock gone wrong or a key in other hands, and it would outlive its session's window. Every failure is the same 401, so a caller learns nothing about why a token was refused.
 */
public final class JwtVerifier {

    public static final int MAX_CLOCK_SKEW_SECONDS = 60;
    private static final Set<String> REQUIRED = Set.of("sub", "sid", "exp", "iat", "namespaceId");

    private final DefaultJWTProcessor<SecurityContext> processor;
    private final Clock clock;

    public JwtVerifier(ECKey publicKey, String issuer, String audience, Clock clock) {
        this.clock = clock;
        processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
                JWSAlgorithm.ES256, new ImmutableJWKSet<>(new JWKSet(publicKey.toPublicJWK()))));
        DefaultJWTClaimsVerifier<SecurityContext> claims =
                new DefaultJWTClaimsVerifier<>(
                        audience, new JWTClaimsSet.Builder().issuer(issuer).build(), REQUIRED) {
                    @Override
                    protected Date currentTime() {
                        return Date.from(clock.instant());
                    }
                };
        claims.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
        processor.setJWTClaimsSetVerifier(claims);
    }

    public SessionClaims verify(String token) {
        if (token == null
                || token.isBlank()
                || token.length() > 8192
                || !LowS.isLowS(token.substring(token.lastIndexOf('.') + 1))) {
            throw invalid();
        }
        try {
            JWTClaimsSet set = processor.process(token, null);
            String sid = set.getStringClaim("sid");
            String namespaceId = set.getStringClaim("namespaceId");
            if (sid == null
                    || sid.isBlank()
                    || namespaceId == null
                    || set.getSubject() == null
                    || set.getIssueTime().toInstant().isAfter(clock.instant().plusSeconds(MAX_CLOCK_SKEW_SECONDS))) {
                throw invalid();
            }
            return new SessionClaims(
                    set.getSubject(),
                    set.getStringClaim("email"),
                    set.getStringClaim("name"),
                    namespaceId,
                    sid,
                    set.getIssueTime().toInstant(),
                    set.getExpirationTime().toInstant());
        } catch (AppException e) {
            throw e;
        } catch (Exception e) {
            // Parse errors, bad signatures, wrong alg/iss/aud, expiry: one answer for all.
            throw invalid();
        }
    }

    public static AppException.Unauthorized invalid() {
        return AppException.unauthorized("UNAUTHENTICATED", "Your session is invalid or has expired. Sign in again.");
    }
}
