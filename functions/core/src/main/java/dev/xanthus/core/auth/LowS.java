package dev.xanthus.core.auth;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;

/**
 * ES256 signatures in their canonical low-S form. ECDSA is malleable: if (r, s) verifies, so does (r, n - s), so
 * every token has two valid signature strings. Issuing only the low one (s ≤ n/2, as Bitcoin's BIP 62 and
 * libsecp256k1 do) and refusing the high one gives each token exactly one spelling, so nothing keyed on a token's
 * text (logs, revocation lists, replay checks) can be sidestepped by re-signing it for free.
 */
final class LowS {

    /** The order n of P-256's base point (SEC 2, section 2.4.2; FIPS 186-4, D.1.2.3). */
    static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    private static final BigInteger HALF_ORDER = P256_ORDER.shiftRight(1);
    private static final int HALF = 32;

    private LowS() {}

    /** Whether a JWS ES256 signature (base64url of r ‖ s, 32 bytes each, RFC 7518 §3.4) has s in the lower half. */
    static boolean isLowS(String base64UrlSignature) {
        byte[] rs;
        try {
            rs = Base64.getUrlDecoder().decode(base64UrlSignature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return rs.length == 2 * HALF && s(rs).compareTo(HALF_ORDER) <= 0;
    }

    /** The low-S spelling of a compact ES256 JWS: the signature part replaced by (r, n - s) when s is high. */
    static String normalize(String compactJws) {
        int dot = compactJws.lastIndexOf('.');
        byte[] rs = Base64.getUrlDecoder().decode(compactJws.substring(dot + 1));
        BigInteger s = s(rs);
        if (s.compareTo(HALF_ORDER) <= 0) {
            return compactJws;
        }
        byte[] low = P256_ORDER.subtract(s).toByteArray();
        byte[] out = Arrays.copyOf(rs, 2 * HALF);
        Arrays.fill(out, HALF, 2 * HALF, (byte) 0);
        int length = Math.min(low.length, HALF);
        System.arraycopy(low, low.length - length, out, 2 * HALF - length, length);
        return compactJws.substring(0, dot + 1)
                + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    private static BigInteger s(byte[] rs) {
        return new BigInteger(1, Arrays.copyOfRange(rs, HALF, 2 * HALF));
    }
}
