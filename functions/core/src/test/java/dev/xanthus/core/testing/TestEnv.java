package dev.xanthus.core.testing;

import com.nimbusds.jose.jwk.ECKey;
import dev.xanthus.core.auth.JwtKeys;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** Key material and a valid environment map for tests; keys are generated once per JVM. */
public final class TestEnv {

    public static final ECKey JWT_KEY = JwtKeys.generate();
    public static final String DATA_KEY;

    static {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        DATA_KEY = Base64.getEncoder().encodeToString(key);
    }

    private TestEnv() {}

    public static Map<String, String> base(String dynamoEndpoint, String table) {
        Map<String, String> env = new HashMap<>();
        env.put("XANTHUS_MODE", "sandbox");
        env.put("AWS_REGION", "us-east-1");
        env.put("DYNAMODB_ENDPOINT", dynamoEndpoint);
        env.put("TABLE_NAME", table);
        env.put("JWT_PRIVATE_JWK", JWT_KEY.toJSONString());
        env.put("DATA_KEY", DATA_KEY);
        return env;
    }
}
