package dev.xanthus.sandbox.k8s;

import com.fasterxml.jackson.databind.JsonNode;

/** Label selectors as {@code -l} takes them: {@code k=v}, {@code k==v}, {@code k!=v}, {@code k}, {@code !k}, comma-joined. */
final class Selector {

    private Selector() {}

    static boolean matches(String selector, JsonNode object) {
        if (selector == null || selector.isBlank()) {
            return true;
        }
        JsonNode labels = object.path("metadata").path("labels");
        for (String term : selector.split(",")) {
            String t = term.trim();
            if (t.isEmpty()) {
                continue;
            }
            int ne = t.indexOf("!=");
            int eq = t.indexOf('=');
            boolean ok;
            if (ne > 0) {
                ok = !t.substring(ne + 2).equals(labels.path(t.substring(0, ne)).asText(null));
            } else if (eq > 0) {
                String value = t.substring(t.startsWith("==", eq) ? eq + 2 : eq + 1);
                ok = value.equals(labels.path(t.substring(0, eq)).asText(null));
            } else if (t.startsWith("!")) {
                ok = !labels.has(t.substring(1));
            } else {
                ok = labels.has(t);
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
