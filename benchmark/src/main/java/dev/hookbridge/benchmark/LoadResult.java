package dev.hookbridge.benchmark;

import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one measured load produced: completed operations and errors in the measured window, its
 * length, and the latency histogram in microseconds.
 */
public record LoadResult(String name, String load, long count, long errors, double seconds, Histogram latencyMicros) {

    public double perSecond() {
        return seconds <= 0 ? 0 : count / seconds;
    }

    /** A latency percentile in milliseconds (0 when nothing was recorded). */
    public double millis(double percentile) {
        return latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    public Map<String, Object> figures() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("load", load);
        f.put("count", count);
        f.put("errors", errors);
        f.put("seconds", round(seconds));
        f.put("perSecond", round(perSecond()));
        f.put("p50Ms", round(millis(50)));
        f.put("p95Ms", round(millis(95)));
        f.put("p99Ms", round(millis(99)));
        f.put("maxMs", round(latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getMaxValue() / 1000.0));
        return f;
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
