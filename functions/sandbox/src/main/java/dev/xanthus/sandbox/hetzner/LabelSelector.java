package dev.xanthus.sandbox.hetzner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hetzner's label selectors (spec 05 "Label Selector"): {@code k=v}, {@code k==v}, {@code k!=v}, {@code k}, {@code !k},
 * {@code k in (v1,v2)}, {@code k notin (v1,v2)}; a comma outside parentheses means AND. {@code !=} and {@code notin}
 * also match resources without the key, as in Kubernetes, whose selector language Hetzner's copies.
 */
final class LabelSelector {

    private static final String KEY = "([A-Za-z0-9._/-]+)";
    private static final String VALUE = "[A-Za-z0-9._-]*";
    private static final Pattern TERM =
            Pattern.compile("\\s*(!)?\\s*" + KEY + "\\s*(?:(==|=|!=)\\s*(" + VALUE + "))?\\s*");
    private static final Pattern SET_TERM = Pattern.compile(
            "\\s*" + KEY + "\\s+(in|notin)\\s*\\(\\s*(" + VALUE + "(?:\\s*,\\s*" + VALUE + ")*)\\s*\\)\\s*");

    private LabelSelector() {}

    /** Throws {@link IllegalArgumentException} for a selector Hetzner would reject. */
    static Predicate<Map<String, String>> parse(String selector) {
        List<Predicate<Map<String, String>>> terms = new ArrayList<>();
        for (String term : terms(selector)) {
            Matcher set = SET_TERM.matcher(term);
            if (set.matches()) {
                String key = set.group(1);
                Set<String> values = Set.of(set.group(3).trim().split("\\s*,\\s*"));
                boolean in = set.group(2).equals("in");
                terms.add(labels -> in == (labels.containsKey(key) && values.contains(labels.get(key))));
                continue;
            }
            Matcher m = TERM.matcher(term);
            if (!m.matches() || (m.group(1) != null && m.group(3) != null)) {
                throw new IllegalArgumentException("invalid label selector: " + selector);
            }
            String key = m.group(2);
            String op = m.group(3);
            String value = m.group(4);
            if (m.group(1) != null) {
                terms.add(labels -> !labels.containsKey(key));
            } else if (op == null) {
                terms.add(labels -> labels.containsKey(key));
            } else if (op.equals("!=")) {
                terms.add(labels -> !value.equals(labels.get(key)));
            } else {
                terms.add(labels -> value.equals(labels.get(key)));
            }
        }
        return labels -> terms.stream().allMatch(t -> t.test(labels));
    }

    /** Splits at the commas that separate terms, not at those inside an {@code in (…)} list. */
    private static List<String> terms(String selector) {
        List<String> terms = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                terms.add(selector.substring(start, i));
                start = i + 1;
            }
            if (depth < 0 || depth > 1) {
                throw new IllegalArgumentException("invalid label selector: " + selector);
            }
        }
        terms.add(selector.substring(start));
        return terms;
    }
}
