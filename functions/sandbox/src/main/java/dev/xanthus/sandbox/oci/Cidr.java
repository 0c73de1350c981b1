package dev.xanthus.sandbox.oci;

/** An IPv4 CIDR block such as {@code 10.0.0.0/16}. */
record Cidr(long base, int prefix) {

    static Cidr parse(String text, String field) {
        try {
            String[] parts = text.split("/");
            if (parts.length != 2) {
                throw new IllegalArgumentException();
            }
            int prefix = Integer.parseInt(parts[1]);
            String[] octets = parts[0].split("\\.");
            if (octets.length != 4 || prefix < 0 || prefix > 32) {
                throw new IllegalArgumentException();
            }
            long base = 0;
            for (String octet : octets) {
                int value = Integer.parseInt(octet);
                if (value < 0 || value > 255) {
                    throw new IllegalArgumentException();
                }
                base = (base << 8) | value;
            }
            Cidr cidr = new Cidr(base, prefix);
            if ((base & ~cidr.mask() & 0xffffffffL) != 0) {
                throw OciError.invalid(field + " " + text + " is not a valid CIDR block: host bits are set");
            }
            return cidr;
        } catch (IllegalArgumentException e) {
            throw OciError.invalid(field + " " + text + " is not a valid CIDR block");
        }
    }

    long mask() {
        return prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
    }

    long size() {
        return 1L << (32 - prefix);
    }

    boolean contains(Cidr other) {
        return other.prefix >= prefix && (other.base & mask()) == base;
    }

    boolean overlaps(Cidr other) {
        return contains(other) || other.contains(this);
    }

    /** The {@code n}-th address of the block. */
    String address(long n) {
        long ip = base + n;
        return ((ip >> 24) & 255) + "." + ((ip >> 16) & 255) + "." + ((ip >> 8) & 255) + "." + (ip & 255);
    }
}
