package dev.xanthus.clients.hetzner;

import java.util.Locale;

/** Hetzner's enum values on the wire: the constant's name in lower case; a value Hetzner adds later is unknown. */
final class WireEnum {

    private WireEnum() {}

    static String wire(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E>> E parse(E[] constants, String value, E unknown) {
        for (E constant : constants) {
            if (wire(constant).equals(value)) {
                return constant;
            }
        }
        return unknown;
    }
}
