package dev.xanthus.sandbox.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of kubectl's JSONPath templates Xanthus uses: literal text, {@code {.a.b}}, {@code {.items[0].x}}, {@code
 * {.items[*].x}}, escaped dots ({@code {.data.admin\.password}}), {@code {"\n"}}, {@code {range …}…{end}}. Missing keys
 * print nothing, as {@code kubectl get -o jsonpath} allows them.
 */
final class JsonPath {

    private JsonPath() {}

    static String render(String template, JsonNode root) {
        StringBuilder out = new StringBuilder();
        render(parse(template), 0, List.of(root), root, out);
        return out.toString();
    }

    private sealed interface Part permits Text, Expr, Range, End {}

    private record Text(String text) implements Part {}

    private record Expr(String path) implements Part {}

    private record Range(String path) implements Part {}

    private record End() implements Part {}

    private static List<Part> parse(String template) {
        List<Part> parts = new ArrayList<>();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                parts.add(new Text(template.substring(i)));
                break;
            }
            if (open > i) {
                parts.add(new Text(template.substring(i, open)));
            }
            int close = template.indexOf('}', open);
            if (close < 0) {
                throw new Cluster.Failure("error: error parsing jsonpath " + template + ", unclosed action\n");
            }
            String action = template.substring(open + 1, close).trim();
            if (action.startsWith("\"") && action.endsWith("\"") && action.length() >= 2) {
                parts.add(new Text(action.substring(1, action.length() - 1)
                        .replace("\\n", "\n")
                        .replace("\\t", "\t")));
            } else if (action.startsWith("range ")) {
                parts.add(new Range(action.substring(6).trim()));
            } else if (action.equals("end")) {
                parts.add(new End());
            } else {
                parts.add(new Expr(action));
            }
            i = close + 1;
        }
        return parts;
    }

    /** Renders parts from {@code at} until the matching {end}; returns the index after it. */
    private static int render(List<Part> parts, int at, List<JsonNode> current, JsonNode root, StringBuilder out) {
        int i = at;
        while (i < parts.size()) {
            Part part = parts.get(i);
            if (part instanceof End) {
                return i + 1;
            }
            if (part instanceof Text t) {
                out.append(t.text());
                i++;
            } else if (part instanceof Expr e) {
                List<String> texts = new ArrayList<>();
                for (JsonNode node : current) {
                    for (JsonNode found : eval(e.path(), node, root)) {
                        texts.add(found.isValueNode() ? found.asText() : found.toString());
                    }
                }
                out.append(String.join(" ", texts));
                i++;
            } else if (part instanceof Range r) {
                List<JsonNode> items = new ArrayList<>();
                for (JsonNode node : current) {
                    for (JsonNode found : eval(r.path(), node, root)) {
                        if (found.isArray()) {
                            found.forEach(items::add);
                        } else {
                            items.add(found);
                        }
                    }
                }
                int end = skip(parts, i + 1);
                for (JsonNode item : items) {
                    render(parts, i + 1, List.of(item), root, out);
                }
                i = end;
            }
        }
        return i;
    }

    private static int skip(List<Part> parts, int from) {
        int depth = 0;
        for (int i = from; i < parts.size(); i++) {
            if (parts.get(i) instanceof Range) {
                depth++;
            } else if (parts.get(i) instanceof End) {
                if (depth == 0) {
                    return i + 1;
                }
                depth--;
            }
        }
        return parts.size();
    }

    private static List<JsonNode> eval(String path, JsonNode node, JsonNode root) {
        String p = path;
        List<JsonNode> current = new ArrayList<>();
        if (p.startsWith("$")) {
            current.add(root);
            p = p.substring(1);
        } else {
            current.add(node);
        }
        if (p.equals(".") || p.isEmpty()) {
            return current;
        }
        for (String step : steps(p)) {
            List<JsonNode> next = new ArrayList<>();
            String field = step;
            List<String> indexes = new ArrayList<>();
            int bracket = indexOfUnescaped(step, '[');
            if (bracket >= 0) {
                field = step.substring(0, bracket);
                for (String idx : step.substring(bracket + 1).split("\\[")) {
                    indexes.add(idx.replace("]", ""));
                }
            }
            field = field.replace("\\.", ".");
            for (JsonNode n : current) {
                JsonNode value = field.isEmpty() ? n : n.get(field);
                if (value == null || value.isNull()) {
                    continue;
                }
                List<JsonNode> values = List.of(value);
                for (String idx : indexes) {
                    List<JsonNode> indexed = new ArrayList<>();
                    for (JsonNode v : values) {
                        if (idx.equals("*")) {
                            v.forEach(indexed::add);
                        } else if (v.isArray()) {
                            int k = Integer.parseInt(idx.trim());
                            JsonNode item = v.get(k < 0 ? v.size() + k : k);
                            if (item == null) {
                                throw new Cluster.Failure("error: error executing jsonpath \"{" + path
                                        + "}\": Error executing " + "template: array index out of bounds: index " + k
                                        + ", length " + v.size() + "\n");
                            }
                            indexed.add(item);
                        }
                    }
                    values = indexed;
                }
                next.addAll(values);
            }
            current = next;
        }
        return current;
    }

    /** {@code .a.b\.c[0]} → {@code a}, {@code b\.c[0]}. */
    private static List<String> steps(String path) {
        List<String> steps = new ArrayList<>();
        StringBuilder step = new StringBuilder();
        String p = path.startsWith(".") ? path.substring(1) : path;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\' && i + 1 < p.length()) {
                step.append(c).append(p.charAt(++i));
            } else if (c == '.') {
                steps.add(step.toString());
                step.setLength(0);
            } else {
                step.append(c);
            }
        }
        steps.add(step.toString());
        return steps;
    }

    private static int indexOfUnescaped(String s, char c) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\\') {
                i++;
            } else if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }
}
