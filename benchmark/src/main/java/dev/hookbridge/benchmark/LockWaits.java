package dev.hookbridge.benchmark;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The lock samples of one window, summed up: how many were taken, in how many something waited on a
 * lock, the most backends waiting at once, and what was waited for with the number of samples that saw
 * it (most seen first). A design that serialises the nodes on a lock or a hot row shows here as waits
 * in many samples, on the same relation or statement.
 */
record LockWaits(int samples, int samplesWithWait, int maxWaitingBackends, int maxNotGrantedLocks,
                 Map<String, Integer> waitedFor) {

    static final LockWaits NONE = new LockWaits(0, 0, 0, 0, Map.of());

    static LockWaits of(List<LockSample> samples) {
        int withWait = 0;
        int maxWaiting = 0;
        int maxNotGranted = 0;
        Map<String, Integer> seen = new TreeMap<>();
        for (LockSample sample : samples) {
            if (sample.anyWait()) {
                withWait++;
            }
            maxWaiting = Math.max(maxWaiting, sample.waitingBackends());
            maxNotGranted = Math.max(maxNotGranted, sample.notGrantedLocks());
            // Counted once per sample, so the figure reads "seen in so many samples".
            sample.waitedFor().stream().distinct().forEach(what -> seen.merge(what, 1, Integer::sum));
        }
        Map<String, Integer> mostSeenFirst = new LinkedHashMap<>();
        seen.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .forEach(e -> mostSeenFirst.put(e.getKey(), e.getValue()));
        return new LockWaits(samples.size(), withWait, maxWaiting, maxNotGranted, mostSeenFirst);
    }

    /** The share of samples in which something waited on a lock, 0 to 1. */
    double waitShare() {
        return samples == 0 ? 0 : (double) samplesWithWait / samples;
    }
}
