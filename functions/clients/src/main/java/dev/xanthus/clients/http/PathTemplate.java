package dev.xanthus.clients.http;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Builds request URIs from a path template such as {@code /zones/{zone_id}/dns_records}, encoding every value. */
public final class PathTemplate {

    private static final Pattern VARIABLE = Pattern.compile("\\{[^/}]+}");

    private PathTemplate() {}

    /** Replaces the template's variables, in order, with the percent-encoded values. */
    public static String expand(String template, String... values) {
        Matcher matcher = VARIABLE.matcher(template);
        StringBuilder path = new StringBuilder();
        int index = 0;
        while (matcher.find()) {
            if (index == values.length) {
                throw new IllegalArgumentException("too few values for " + template);
            }
            matcher.appendReplacement(path, Matcher.quoteReplacement(encode(values[index++])));
        }
        if (index != values.length) {
            throw new IllegalArgumentException("too many values for " + template);
        }
        matcher.appendTail(path);
        return path.toString();
    }

    /** {@code base + path + ?query}; null query values are left out. */
    public static URI uri(URI base, String path, Map<String, ?> query) {
        String queryString = query.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .map(e -> encode(e.getKey()) + "=" + encode(String.valueOf(e.getValue())))
                .collect(Collectors.joining("&"));
        String baseText = base.toString().replaceAll("/+$", "");
        return URI.create(baseText + path + (queryString.isEmpty() ? "" : "?" + queryString));
    }

    /** Percent-encodes one path segment or query component ({@code +} is not a space in a path). */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
