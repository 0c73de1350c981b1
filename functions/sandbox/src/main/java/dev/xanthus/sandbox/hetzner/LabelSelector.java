package dev.xanthus.sandbox.hetzner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Hetzner's label selectors: {@code k=v}, {@code k==v}, {@code k!=v}, {@code k}, {@code !k}; a comma means AND. */
final class LabelSelector {

  private static final Pattern TERM = Pattern.compile("\\s*(!)?\\s*([A-Za-z0-9._/-]+)\\s*(?:(==|=|!=)\\s*([A-Za-z0-9._-]*))?\\s*");

  private LabelSelector() {
  }

  /** Throws {@link IllegalArgumentException} for a selector Hetzner would reject. */
  static Predicate<Map<String, String>> parse(String selector) {
    List<Predicate<Map<String, String>>> terms = new ArrayList<>();
    for (String term : selector.split(",", -1)) {
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
}
