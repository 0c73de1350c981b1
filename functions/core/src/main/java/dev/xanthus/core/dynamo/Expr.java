package dev.xanthus.core.dynamo;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One DynamoDB expression (a condition, an update, a key condition or a filter) with the {@code #name} and
 * {@code :value} placeholders it uses, so each expression carries its own bindings and a request can combine two.
 */
public record Expr(String text, Map<String, String> names, Map<String, AttributeValue> values) {

    public Expr {
        names = Map.copyOf(names);
        values = Map.copyOf(values);
    }

    public static Expr of(String text) {
        return new Expr(text, Map.of(), Map.of());
    }

    /** The condition of a create: no item has this key yet. */
    public static Expr absent() {
        return of("attribute_not_exists(pk)");
    }

    public Expr name(String placeholder, String attribute) {
        Map<String, String> more = new HashMap<>(names);
        more.put(placeholder, attribute);
        return new Expr(text, more, values);
    }

    public Expr value(String placeholder, AttributeValue value) {
        Map<String, AttributeValue> more = new HashMap<>(values);
        more.put(placeholder, value);
        return new Expr(text, names, more);
    }

    public Expr value(String placeholder, String value) {
        return value(placeholder, Items.s(value));
    }

    public Expr value(String placeholder, long value) {
        return value(placeholder, Items.n(value));
    }

    public Expr value(String placeholder, boolean value) {
        return value(placeholder, AttributeValue.fromBool(value));
    }

    /** The names both expressions bind (either may be null), or null when none: DynamoDB refuses an empty map. */
    static Map<String, String> names(Expr a, Expr b) {
        return both(a, b, Expr::names);
    }

    /** The values both expressions bind (either may be null), or null when none. */
    static Map<String, AttributeValue> values(Expr a, Expr b) {
        return both(a, b, Expr::values);
    }

    private static <V> Map<String, V> both(Expr a, Expr b, Function<Expr, Map<String, V>> bindings) {
        Map<String, V> all = new HashMap<>();
        Stream.of(a, b).filter(Objects::nonNull).forEach(e -> all.putAll(bindings.apply(e)));
        return all.isEmpty() ? null : all;
    }

    static String text(Expr e) {
        return e == null ? null : e.text;
    }
}
