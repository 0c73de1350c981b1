package dev.xanthus.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The built static site, and the Content-Security-Policy hashes of its inline scripts (SvelteKit's generated pages
 * boot with one inline {@code <script>}), so {@code script-src} needs no {@code 'unsafe-inline'}.
 */
final class SiteContent {

    private static final Pattern INLINE_SCRIPT = Pattern.compile(
            "<script(?![^>]*\\bsrc\\s*=)[^>]*>(.*?)</script>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

    private SiteContent() {}

    static boolean exists(Path siteDir, String fallback) {
        return Files.isRegularFile(siteDir.resolve(fallback));
    }

    /** {@code 'sha256-…'} sources for every distinct inline script of every HTML page, sorted. */
    static List<String> inlineScriptHashes(Path siteDir) {
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
}
