package dev.xanthus.core.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.xanthus.core.config.ConfigException;
import java.text.ParseException;
import java.util.UUID;

/** The ES256 signing key: generated once, stored as a private JWK (a secret in the cloud, a file locally). */
public final class JwtKeys {

    private JwtKeys() {}

    public static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .keyID(UUID.randomUUID().toString())
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a P-256 key", e);
        }
    }

    /** Parses a private P-256 JWK; the message names the variable, never the key. */
    public static ECKey parsePrivate(String jwk, String variableName) {
        try {
            ECKey key = ECKey.parse(jwk);
            if (!key.isPrivate() || !Curve.P_256.equals(key.getCurve())) {
                throw new ConfigException(variableName + " is malformed: expected a private P-256 JWK");
            }
            return key;
        } catch (ParseException e) {
            throw new ConfigException(variableName + " is malformed: expected a private P-256 JWK");
        }
    }
}
