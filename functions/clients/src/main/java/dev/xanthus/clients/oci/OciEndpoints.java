package dev.xanthus.clients.oci;

import java.net.URI;
import java.util.Objects;

/** Where each OCI service of a region is; {@link #fixed(URI)} sends every service to one base (the simulator). */
public final class OciEndpoints {

    private final URI fixedBase;

    private OciEndpoints(URI fixedBase) {
        this.fixedBase = fixedBase;
    }

    /** The real OCI: {@code https://identity.{region}.oci.oraclecloud.com}, {@code https://iaas.{region}.oraclecloud.com}. */
    public static OciEndpoints real() {
        return new OciEndpoints(null);
    }

    /** Every service at {@code base} (paths start with {@code /20160918/}); e.g. the OCI simulator's base URI. */
    public static OciEndpoints fixed(URI base) {
        return new OciEndpoints(Objects.requireNonNull(base, "base"));
    }

    public URI identity(String region) {
        return fixedBase != null
                ? fixedBase
                : URI.create("https://identity." + checked(region) + ".oci.oraclecloud.com");
    }

    public URI iaas(String region) {
        return fixedBase != null ? fixedBase : URI.create("https://iaas." + checked(region) + ".oraclecloud.com");
    }

    public boolean isFixed() {
        return fixedBase != null;
    }

    /** A region name goes into a host name: only lower-case letters, digits and dashes. */
    private static String checked(String region) {
        if (region == null || !region.matches("[a-z0-9-]{3,40}")) {
            throw new IllegalArgumentException("not an OCI region name: " + region);
        }
        return region;
    }

    @Override
    public String toString() {
        return fixedBase == null ? "OciEndpoints[real]" : "OciEndpoints[fixed " + fixedBase + "]";
    }
}
