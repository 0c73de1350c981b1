package dev.xanthus.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;

/** The run's figures: requests by status, by class and by operation, faults injected, and every violation. */
final class FuzzLedger {

    private final AtomicLong requests = new AtomicLong();
    private final Map<Integer, AtomicLong> byStatus = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> byClass = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> millisByClass = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> byOperation = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> byPhaseStatus = new ConcurrentHashMap<>();
    private final Map<String, LongAccumulator> slowestByPhase = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> violationsByKind = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    private final List<String> faults = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final AtomicLong logLines = new AtomicLong();
    private final Map<String, AtomicLong> undocumented = new ConcurrentHashMap<>();

    void count(String phase, String requestClass, String operation, int status, long millis) {
        requests.incrementAndGet();
        byStatus.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
        byClass.computeIfAbsent(requestClass, s -> new AtomicLong()).incrementAndGet();
        millisByClass.computeIfAbsent(requestClass, s -> new AtomicLong()).addAndGet(millis);
        byOperation.computeIfAbsent(operation, s -> new AtomicLong()).incrementAndGet();
        byPhaseStatus
                .computeIfAbsent(phase + " " + status, s -> new AtomicLong())
                .incrementAndGet();
        slowestByPhase
                .computeIfAbsent(phase, p -> new LongAccumulator(Math::max, 0))
                .accumulate(millis);
    }

    void violation(String kind, String detail) {
        violationsByKind.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        // one example per kind and request class is enough to reproduce; the counts say how often
        if (violations.size() < 200) {
            violations.add(kind + " :: " + detail);
        }
    }

    synchronized void fault(String what) {
        faults.add(what);
    }

    synchronized void note(String what) {
        notes.add(what);
    }

    /** A 5xx of the documented kinds (502/503/504) on an operation whose responses in openapi.yaml do not list it. */
    void undocumented(String operationAndStatus) {
        undocumented.computeIfAbsent(operationAndStatus, k -> new AtomicLong()).incrementAndGet();
    }

    void logLines(long lines) {
        logLines.set(lines);
    }

    long requests() {
        return requests.get();
    }

    long status(int status) {
        AtomicLong n = byStatus.get(status);
        return n == null ? 0 : n.get();
    }

    boolean clean() {
        return violationsByKind.isEmpty();
    }

    synchronized String render(long seed, long millis) {
        StringBuilder out = new StringBuilder();
        out.append("fuzz-and-fault ledger (seed ")
                .append(seed)
                .append(", rerun with -Dxanthus.fuzz.seed=")
                .append(seed)
                .append(")\n");
        out.append("requests: ")
                .append(requests.get())
                .append(" in ")
                .append(millis / 1000.0)
                .append(" s\n");
        out.append("by status:\n");
        new TreeMap<>(byStatus).forEach((s, n) -> out.append("  ")
                .append(s == 0 ? "no answer" : s)
                .append(": ")
                .append(n.get())
                .append('\n'));
        out.append("500s: ").append(status(500)).append("\n");
        out.append("by request class (requests, summed answer time):\n");
        new TreeMap<>(byClass).forEach((c, n) -> out.append("  ")
                .append(c)
                .append(": ")
                .append(n.get())
                .append(", ")
                .append(millisByClass.get(c).get())
                .append(" ms\n"));
        out.append("by phase and status:\n");
        new TreeMap<>(byPhaseStatus)
                .forEach((c, n) ->
                        out.append("  ").append(c).append(": ").append(n.get()).append('\n'));
        out.append("slowest answer by phase (ms):\n");
        new TreeMap<>(slowestByPhase)
                .forEach((c, n) ->
                        out.append("  ").append(c).append(": ").append(n.get()).append('\n'));
        out.append("operations covered: ").append(byOperation.size()).append("\n");
        new TreeMap<>(byOperation)
                .forEach((c, n) ->
                        out.append("  ").append(c).append(": ").append(n.get()).append('\n'));
        out.append("faults injected:\n");
        faults.forEach(f -> out.append("  ").append(f).append('\n'));
        out.append("notes:\n");
        notes.forEach(f -> out.append("  ").append(f).append('\n'));
        out.append(
                "5xx the operation's responses in openapi.yaml do not list (allowed: 502/503/504 in the error shape):\n");
        new TreeMap<>(undocumented)
                .forEach((k, n) ->
                        out.append("  ").append(k).append(": ").append(n.get()).append('\n'));
        out.append("log lines checked: ").append(logLines.get()).append('\n');
        out.append("violations: ")
                .append(violationsByKind.values().stream()
                        .mapToLong(AtomicLong::get)
                        .sum())
                .append('\n');
        new TreeMap<>(violationsByKind)
                .forEach((k, n) ->
                        out.append("  ").append(k).append(": ").append(n.get()).append('\n'));
        violations.forEach(v -> out.append("  - ").append(v).append('\n'));
        return out.toString();
    }
}
