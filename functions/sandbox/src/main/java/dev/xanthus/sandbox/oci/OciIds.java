package dev.xanthus.sandbox.oci;

import java.security.SecureRandom;

/**
 * OCIDs shaped like OCI's: {@code ocid1.<type>.oc1.<region>.<unique>} where the unique part is 60 lower-case base32
 * characters starting {@code aaaaaaaa}; global resources (tenancy, user) leave the region empty ({@code oc1..}).
 */
final class OciIds {

    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
    private static final SecureRandom RANDOM = new SecureRandom();

    private OciIds() {}

    static String regional(String type, String region) {
        return "ocid1." + type + ".oc1." + region + "." + random();
    }

    static String global(String type) {
        return "ocid1." + type + ".oc1.." + random();
    }

    static String random() {
        StringBuilder unique = new StringBuilder("aaaaaaaa");
        while (unique.length() < 60) {
            unique.append(BASE32.charAt(RANDOM.nextInt(BASE32.length())));
        }
        return unique.toString();
    }

    /** A unique part derived from {@code seed}: the same seed always gives the same id. */
    static String stable(String seed) {
        String hex = OciCatalog.sha256Hex(seed) + OciCatalog.sha256Hex(seed + "#");
        StringBuilder unique = new StringBuilder("aaaaaaaa");
        for (int i = 0; unique.length() < 60; i++) {
            unique.append(BASE32.charAt(Integer.parseInt(hex.substring(i, i + 1), 16) * 2 % 32));
        }
        return unique.toString();
    }
}
