package dev.hookbridge.benchmark;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * The answers other than 200 that one load got, by status ("no answer" when the request failed), so a
 * window's errors can be read: the balancer's own 503s are not the gateway's refusals.
 */
final class FailedRequests {

    static final String NO_ANSWER = "no answer";

    private final Map<String, LongAdder> byStatus = new ConcurrentHashMap<>();

    /**
     * An answer; one other than 200 is counted by its status, and apart when it has no body: the
     * balancer's own 503 (and a suspended node's) has none, the gateway's refusals always have one.
     */
    void answer(int status, boolean withBody) {
        if (status != 200) {
            String key = withBody ? Integer.toString(status) : status + " without a body";
            byStatus.computeIfAbsent(key, k -> new LongAdder()).increment();
        }
    }

    void noAnswer() {
        byStatus.computeIfAbsent(NO_ANSWER, k -> new LongAdder()).increment();
    }

    /** Count by status, statuses in order. */
    Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        byStatus.forEach((status, count) -> counts.put(status, count.sum()));
        return counts;
    }

    /** "503 × 12 · no answer × 1", or "none". */
    static String describe(Map<String, Long> counts) {
        return counts.isEmpty() ? "none" : counts.entrySet().stream()
                .map(e -> e.getKey() + " × " + e.getValue()).collect(Collectors.joining(" · "));
    }
}
