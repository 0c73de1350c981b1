package dev.xanthus.sandbox.k8s;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Command-line flags as cobra (helm, kubectl) reads them: {@code --name value}, {@code --name=value}, {@code -n value},
 * {@code -nvalue}, {@code -n=value}, bundled booleans ({@code -it}), {@code --} ending the flags. Unknown flags fail.
 */
final class Flags {

    private static final Pattern GO_DURATION = Pattern.compile("([0-9]*(?:\\.[0-9]*)?)(ns|us|µs|ms|s|m|h)");

    final List<String> positional = new ArrayList<>();
    /** The arguments after {@code --}, or null when there was none. */
    List<String> rest;

    private final Map<String, List<String>> values = new HashMap<>();
    private final Map<String, Boolean> booleans = new HashMap<>();

    /**
     * {@code valueFlags} and {@code boolFlags} are specs like {@code "namespace|n"}: the long name first, then aliases
     * (one letter: a shorthand). {@code unknown} turns a message ("unknown flag: --x") into the tool's failure.
     */
    static Flags parse(
            List<String> args,
            List<String> valueFlags,
            List<String> boolFlags,
            Function<String, Cluster.Failure> unknown) {
        Map<String, String> valueNames = names(valueFlags);
        Map<String, String> boolNames = names(boolFlags);
        Flags flags = new Flags();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                flags.rest = new ArrayList<>(args.subList(i + 1, args.size()));
                break;
            }
            if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                String name = eq < 0 ? a.substring(2) : a.substring(2, eq);
                if (valueNames.containsKey(name)) {
                    if (eq < 0 && i + 1 >= args.size()) {
                        throw unknown.apply("flag needs an argument: --" + name);
                    }
                    flags.add(valueNames.get(name), eq >= 0 ? a.substring(eq + 1) : args.get(++i));
                } else if (boolNames.containsKey(name)) {
                    flags.booleans.put(boolNames.get(name), eq < 0 || Boolean.parseBoolean(a.substring(eq + 1)));
                } else {
                    throw unknown.apply("unknown flag: --" + name);
                }
            } else if (a.startsWith("-") && a.length() > 1) {
                for (int j = 1; j < a.length(); j++) {
                    String letter = a.substring(j, j + 1);
                    if (valueNames.containsKey(letter)) {
                        String value = a.substring(j + 1);
                        if (value.startsWith("=")) {
                            value = value.substring(1);
                        }
                        if (value.isEmpty()) {
                            if (i + 1 >= args.size()) {
                                throw unknown.apply("flag needs an argument: '" + letter + "' in -" + letter);
                            }
                            value = args.get(++i);
                        }
                        flags.add(valueNames.get(letter), value);
                        break;
                    } else if (boolNames.containsKey(letter)) {
                        flags.booleans.put(boolNames.get(letter), true);
                    } else {
                        throw unknown.apply("unknown shorthand flag: '" + letter + "' in " + a);
                    }
                }
            } else {
                flags.positional.add(a);
            }
        }
        return flags;
    }

    private static Map<String, String> names(List<String> specs) {
        Map<String, String> names = new HashMap<>();
        for (String spec : specs) {
            String[] parts = spec.split("\\|");
            for (String part : parts) {
                names.put(part, parts[0]);
            }
        }
        return names;
    }

    private void add(String name, String value) {
        values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }

    /** The last value given for the flag, or {@code otherwise}. */
    String value(String name, String otherwise) {
        List<String> all = values.get(name);
        return all == null ? otherwise : all.get(all.size() - 1);
    }

    List<String> values(String name) {
        return values.getOrDefault(name, List.of());
    }

    boolean has(String name) {
        return values.containsKey(name) || booleans.containsKey(name);
    }

    boolean bool(String name) {
        return booleans.getOrDefault(name, false);
    }

    /** A Go duration ({@code 10m}, {@code 1h30m}, {@code 8760h}, {@code 90s}); null when it is not one. */
    static Duration goDuration(String text) {
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        String s = text.startsWith("+") ? text.substring(1) : text;
        Matcher m = GO_DURATION.matcher(s);
        int at = 0;
        BigDecimal nanos = BigDecimal.ZERO;
        while (at < s.length()
                && m.find(at)
                && m.start() == at
                && !m.group(1).isEmpty()
                && !m.group(1).equals(".")) {
            long unit =
                    switch (m.group(2)) {
                        case "ns" -> 1L;
                        case "us", "µs" -> 1_000L;
                        case "ms" -> 1_000_000L;
                        case "s" -> 1_000_000_000L;
                        case "m" -> 60_000_000_000L;
                        default -> 3_600_000_000_000L;
                    };
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit)));
            at = m.end();
        }
        return at == s.length() && !s.isEmpty() ? Duration.ofNanos(nanos.longValue()) : null;
    }
}
