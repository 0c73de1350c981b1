package dev.xanthus.core.app.catalog;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a values template. Each {@code {{NAME}}} becomes a double-quoted YAML string with every special character
 * escaped, so no value can change the document's structure, whatever validation let through.
 */
public final class ValuesRenderer {

    public static final Set<String> PLACEHOLDERS =
            Set.of("VERSION", "HOST", "SUBDOMAIN", "DOMAIN", "RELEASE_NAME", "TIMEZONE", "TLS_SECRET", "SECRET_KEY");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z_]+)}}");

    private ValuesRenderer() {}

    public static String render(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = values.get(name);
            if (!PLACEHOLDERS.contains(name) || value == null) {
                throw new IllegalArgumentException("values template uses {{" + name + "}}, which has no value");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(quote(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A YAML double-quoted scalar (also valid JSON). */
    public static String quote(String value) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        q.append(String.format("\\x%02x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
