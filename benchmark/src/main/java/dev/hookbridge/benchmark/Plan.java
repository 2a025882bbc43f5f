package dev.hookbridge.benchmark;

import java.time.Duration;
import java.util.List;

/**
 * How long and how much: the full run (under 20 minutes) or the quick one ({@code -Dbenchmark.quick},
 * under 3 minutes: shorter windows, baselines at 64 clients only, fewer old rows, no profiles).
 * Every run first warms the gateway up unmeasured ({@code globalWarmup}). {@code drainBacklog}: the
 * RECEIVED events built up, with processing paused, for the drain figure.
 * {@code -Dbenchmark.inbound}: the inbound figures only, to compare two versions of the inbound path
 * (about 3 minutes): a longer warm-up than the quick run, so the JIT's work stays out of the window,
 * 64 clients over a longer window, baseline 5 and the others at 64, nothing else.
 * {@code -Dbenchmark.profile=true|false} forces flight recordings of missed targets on or off.
 */
record Plan(boolean quick, Duration warmup, Duration measure, List<Integer> inboundClients, List<Integer> baselineClients,
            Duration lagWindow, int outboundDeliveries, double publishRate, Duration publishWindow,
            int oldRows, Duration growthWindow, boolean profile, Duration globalWarmup, int drainBacklog,
            boolean inboundOnly) {

    static Plan fromSystemProperties() {
        boolean quick = flag("benchmark.quick", false);
        boolean inboundOnly = flag("benchmark.inbound", false);
        boolean profile = flag("benchmark.profile", !quick && !inboundOnly);
        if (inboundOnly) {
            return new Plan(true, Duration.ofSeconds(5), Duration.ofSeconds(20), List.of(64), List.of(64),
                    Duration.ofSeconds(4), 500, 20, Duration.ofSeconds(3), 0, Duration.ofSeconds(3), false,
                    Duration.ofSeconds(45), 0, true);
        }
        if (quick) {
            return new Plan(true, Duration.ofSeconds(2), Duration.ofSeconds(4), List.of(1, 16, 64), List.of(64),
                    Duration.ofSeconds(4), 500, 20, Duration.ofSeconds(3), 100_000, Duration.ofSeconds(3), profile,
                    Duration.ofSeconds(10), 3_000, false);
        }
        return new Plan(false, Duration.ofSeconds(8), Duration.ofSeconds(25), List.of(1, 16, 64), List.of(1, 16, 64),
                Duration.ofSeconds(30), 3000, 20, Duration.ofSeconds(15), 1_000_000, Duration.ofSeconds(15), profile,
                Duration.ofSeconds(30), 50_000, false);
    }

    private static boolean flag(String key, boolean otherwise) {
        String value = System.getProperty(key);
        return value == null ? otherwise : !value.equals("false");
    }
}
