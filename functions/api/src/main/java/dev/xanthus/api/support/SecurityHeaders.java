package dev.xanthus.api.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The one definition of the browser security headers: CloudFront's response headers policy (infra-cdk) and the local
 * stack's site both take their values from here, so the two cannot drift apart.
 */
public final class SecurityHeaders {

    public static final String CONTENT_TYPE_OPTIONS = "nosniff";
    public static final String FRAME_OPTIONS = "DENY";
    public static final String REFERRER_POLICY = "strict-origin-when-cross-origin";

    private static final Pattern INLINE_SCRIPT = Pattern.compile(
            "<script(?![^>]*\\bsrc\\s*=)[^>]*>(.*?)</script>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

    private SecurityHeaders() {}

    /**
     * The site's policy. {@code 'self'} covers the API and, in current browsers, the same-origin {@code wss:}; a custom
     * domain is named too.
     */
    public static String contentSecurityPolicy(Optional<String> domainName, List<String> scriptHashes) {
        return contentSecurityPolicy(
                domainName.map(d -> List.of("https://" + d, "wss://" + d)).orElse(List.of()), scriptHashes);
    }

    /** The policy with {@code extraConnectSources} beside {@code 'self'} (the local relay listens on its own port). */
    public static String contentSecurityPolicy(List<String> extraConnectSources, List<String> scriptHashes) {
        String scripts = String.join(" ", concat(List.of("'self'"), scriptHashes));
        String connect = String.join(" ", concat(List.of("'self'"), extraConnectSources));
        return "default-src 'self'; script-src " + scripts
                + "; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                + "font-src 'self' data:; connect-src " + connect + "; object-src 'none'; base-uri 'self'; "
                + "form-action 'self'; frame-ancestors 'none'";
    }

    /**
     * Every header by name, as CloudFront sends them, except {@code Strict-Transport-Security}: it is meaningless over
     * the local stack's plain HTTP, and CloudFront adds it itself.
     */
    public static Map<String, String> headers(String contentSecurityPolicy) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Security-Policy", contentSecurityPolicy);
        headers.put("X-Content-Type-Options", CONTENT_TYPE_OPTIONS);
        headers.put("X-Frame-Options", FRAME_OPTIONS);
        headers.put("Referrer-Policy", REFERRER_POLICY);
        return Map.copyOf(headers);
    }

    /**
     * {@code 'sha256-…'} sources for every distinct inline script of every HTML page of a built site, sorted: SvelteKit's
     * pages boot with one inline {@code <script>}, so {@code script-src} needs no {@code 'unsafe-inline'}.
     */
    public static List<String> inlineScriptHashes(Path siteDir) {
        TreeSet<String> hashes = new TreeSet<>();
        try (Stream<Path> files = Files.walk(siteDir)) {
            for (Path html : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                Matcher m = INLINE_SCRIPT.matcher(Files.readString(html, StandardCharsets.UTF_8));
                while (m.find()) {
                    if (!m.group(1).isBlank()) {
                        hashes.add("'sha256-" + sha256(m.group(1)) + "'");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(hashes);
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
