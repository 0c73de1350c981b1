package dev.xanthus.clients.oci;

/**
 * One OCI API signing key: the tenancy and user OCIDs, the key's fingerprint ({@code aa:bb:…}, 16 hex pairs), the PEM
 * private key (RSA, PKCS#1 or PKCS#8, unencrypted) and the region the client talks to (e.g. {@code eu-frankfurt-1}).
 * Format checks are the caller's; {@link OciKeys#parsePrivateKey(String)} tells whether the key itself is usable.
 */
public record OciCredentials(String tenancy, String user, String fingerprint, String privateKeyPem, String region) {

    /** The {@code keyId} of a request signature: {@code <tenancy>/<user>/<fingerprint>}. */
    public String keyId() {
        return tenancy + "/" + user + "/" + fingerprint;
    }

    /** The same key for another region. */
    public OciCredentials withRegion(String otherRegion) {
        return new OciCredentials(tenancy, user, fingerprint, privateKeyPem, otherRegion);
    }

    /** Never prints the private key. */
    @Override
    public String toString() {
        return "OciCredentials[tenancy=" + tenancy + ", user=" + user + ", fingerprint=" + fingerprint + ", region="
                + region + ", privateKeyPem=(hidden)]";
    }
}
