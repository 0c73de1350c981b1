package dev.xanthus.core.dns;

/**
 * The steps of putting a domain behind Full (strict) TLS, in order, as the Go program ran them; the API names the
 * failed one by {@link #id()}. Step 3 is local: it fails when the Origin CA root is not available.
 */
public enum ConfigureStep {
    SSL_MODE(1, "ssl_mode", "set SSL mode to Full (strict)"),
    ORIGIN_CERTIFICATE(2, "origin_certificate", "issue the Origin CA certificate"),
    ORIGIN_CA_ROOT(3, "origin_ca_root", "append the Origin CA root"),
    ALWAYS_USE_HTTPS(4, "always_use_https", "turn Always Use HTTPS on"),
    WWW_REDIRECT(5, "www_redirect", "create the www redirect page rule"),
    STORE_CONFIG(6, "store_config", "store the domain's configuration in KV");

    private final int number;
    private final String id;
    private final String description;

    ConfigureStep(int number, String id, String description) {
        this.number = number;
        this.id = id;
        this.description = description;
    }

    public int number() {
        return number;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }
}
