package dev.xanthus.core.kv;

import java.util.List;

/**
 * Every key Xanthus reads or writes in the user's Workers KV namespace, in the Go program's schema (so a user can move
 * between the two programs either way). The one place these strings are spelled.
 */
public final class KvKeys {

    /** The account's RSA key and CSR: SSH key of every server, and the CSR of every origin certificate. */
    public static final String ACCOUNT_CSR = "config:ssl:csr";
    /** The Hetzner API key, sealed. */
    public static final String HETZNER_KEY = "config:hetzner:api_key";
    /** The Oracle Cloud API credentials, sealed. */
    public static final String OCI_CREDENTIALS = "config:oci:credentials";

    public static final String VPS_PREFIX = "vps:";
    public static final String DOMAIN_PREFIX = "domain:";
    public static final String APP_PREFIX = "app:";

    private static final String VPS_CONFIG = ":config";
    private static final String DOMAIN_CONFIG = ":ssl_config";

    private KvKeys() {}

    /** {@code vps:<id>:config}: a server's configuration. */
    public static String vpsConfig(long serverId) {
        return VPS_PREFIX + serverId + VPS_CONFIG;
    }

    public static boolean isVpsConfig(String key) {
        return key.startsWith(VPS_PREFIX) && key.endsWith(VPS_CONFIG);
    }

    /** {@code domain:<domain>:ssl_config}: a managed domain's certificate and prior zone settings. */
    public static String domainConfig(String domain) {
        return DOMAIN_PREFIX + domain + DOMAIN_CONFIG;
    }

    public static boolean isDomainConfig(String key) {
        return key.startsWith(DOMAIN_PREFIX) && key.endsWith(DOMAIN_CONFIG);
    }

    /** The domain of a {@link #domainConfig} key. */
    public static String domainOf(String domainConfigKey) {
        return domainConfigKey.substring(DOMAIN_PREFIX.length(), domainConfigKey.length() - DOMAIN_CONFIG.length());
    }

    /** {@code app:<id>}: an application's record. */
    public static String app(String appId) {
        return APP_PREFIX + appId;
    }

    /** {@code app:<id>} itself, not its {@code :password} or {@code :port-forwards} companions. */
    public static boolean isApp(String key) {
        return key.startsWith(APP_PREFIX) && key.indexOf(':', APP_PREFIX.length()) < 0;
    }

    /** The id of an {@link #app} key. */
    public static String appIdOf(String appKey) {
        return appKey.substring(APP_PREFIX.length());
    }

    /** {@code app:<id>:password}: the app's password, sealed with the token-derived key as the Go program did. */
    public static String appPassword(String appId) {
        return app(appId) + ":password";
    }

    /** {@code app:<id>:port-forwards}: the app's port-forwards. */
    public static String appPortForwards(String appId) {
        return app(appId) + ":port-forwards";
    }

    /** Every key of an app, satellites first, for the one bulk delete that removes it. */
    public static List<String> appKeys(String appId) {
        return List.of(appPortForwards(appId), appPassword(appId), app(appId));
    }

    /**
     * {@code domain:<domain>}: the root of a domain's keys. Not a KV key itself: the name of the lease that configure
     * and remove of the domain take turns under (the apps' leases are their {@link #app} keys).
     */
    public static String domain(String domain) {
        return DOMAIN_PREFIX + domain;
    }
}
