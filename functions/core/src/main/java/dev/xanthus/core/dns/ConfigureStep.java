package dev.xanthus.core.dns;

import java.util.Locale;

/**
 * The steps of putting a domain behind Full (strict) TLS, in order, as the Go program ran them; the API names the
 * failed one by {@link #id()} (the constant's name in lower case) and {@link #number()} (its place, from 1). Step 3 is
 * local: it fails when the Origin CA root is not available.
 */
public enum ConfigureStep {
    SSL_MODE("set SSL mode to Full (strict)"),
    ORIGIN_CERTIFICATE("issue the Origin CA certificate"),
    ORIGIN_CA_ROOT("append the Origin CA root"),
    ALWAYS_USE_HTTPS("turn Always Use HTTPS on"),
    WWW_REDIRECT("create the www redirect page rule"),
    STORE_CONFIG("store the domain's configuration in KV");

    private final String description;

    ConfigureStep(String description) {
        this.description = description;
    }

    public int number() {
        return ordinal() + 1;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String description() {
        return description;
    }
}
