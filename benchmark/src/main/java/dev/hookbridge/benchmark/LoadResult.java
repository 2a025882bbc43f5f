package dev.hookbridge.benchmark;

import org.HdrHistogram.Histogram;

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

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
