package dev.xanthus.core.dns;

import dev.xanthus.core.error.AppException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks domain and host names before they reach a KV key, a Cloudflare URL or a page-rule pattern. */
public final class DomainName {

    /** RFC 1123 labels; at least two of them, so {@code ../x}, {@code localhost} or a bare word never pass. */
    private static final Pattern DOMAIN =
            Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private static final Pattern TLD_NOT_NUMERIC = Pattern.compile(".*\\.[0-9]+$");

    private DomainName() {}

    /** The domain in lower case, or 400 {@code INVALID_DOMAIN}. */
    public static String require(String domain) {
        String lower = domain == null ? "" : domain.toLowerCase(Locale.ROOT);
        if (!DOMAIN.matcher(lower).matches() || TLD_NOT_NUMERIC.matcher(lower).matches()) {
            throw new AppException.BadRequest(
                    "INVALID_DOMAIN",
                    "A domain is 2 or more dot-separated labels of letters, digits and '-' (at most 253 characters), "
                            + "e.g. example.com.",
                    Map.of("field", "domain"));
        }
        return lower;
    }

    /**
     * A host name inside {@code domain} (the domain itself, a subdomain, or {@code *.}-prefixed), in lower case,
     * or 400 {@code INVALID_HOSTNAME}.
     */
    public static String requireHostIn(String hostname, String domain) {
        String lower = hostname == null ? "" : hostname.toLowerCase(Locale.ROOT);
        String checked = lower.startsWith("*.") ? lower.substring(2) : lower;
        boolean inside = checked.equals(domain) || checked.endsWith("." + domain);
        if (!inside || !DOMAIN.matcher(checked).matches()) {
            throw new AppException.BadRequest(
                    "INVALID_HOSTNAME",
                    "The host name must be " + domain + " or a name under it, made of letters, digits and '-'.",
                    Map.of("field", "hostname"));
        }
        return lower;
    }
}
