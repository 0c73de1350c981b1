package dev.xanthus.sandbox.http;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Faults armed per route, each for the next N calls or for good; thread-safe. */
public final class Faults {

    /** An armed fault; {@code remaining} is negative for "always". */
    public record Armed(String route, Fault fault, int remaining) {}

    private final Map<String, List<Armed>> byRoute = new LinkedHashMap<>();

    /** Applies {@code fault} to the next {@code times} calls of {@code route} (after faults already armed there). */
    public synchronized void inject(String route, Fault fault, int times) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1");
        }
        byRoute.computeIfAbsent(route, r -> new ArrayList<>()).add(new Armed(route, fault, times));
    }

    /** Applies {@code fault} to every call of {@code route} until cleared. */
    public synchronized void injectAlways(String route, Fault fault) {
        byRoute.computeIfAbsent(route, r -> new ArrayList<>()).add(new Armed(route, fault, -1));
    }

    public synchronized void clear() {
        byRoute.clear();
    }

    public synchronized void clear(String route) {
        byRoute.remove(route);
    }

    public synchronized List<Armed> armed() {
        return byRoute.values().stream().flatMap(List::stream).toList();
    }

    /** Takes the fault for one call of {@code route}, counting it down. */
    synchronized Optional<Fault> take(String route) {
        List<Armed> list = byRoute.get(route);
        if (list == null || list.isEmpty()) {
            return Optional.empty();
        }
        Iterator<Armed> it = list.iterator();
        Armed first = it.next();
        if (first.remaining() > 1) {
            list.set(0, new Armed(route, first.fault(), first.remaining() - 1));
        } else if (first.remaining() == 1) {
            it.remove();
        }
        return Optional.of(first.fault());
    }
}
