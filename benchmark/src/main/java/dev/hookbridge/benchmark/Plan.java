package dev.hookbridge.benchmark;

import java.time.Duration;
import java.util.List;

/**
 * How long and how much: the full run (under 20 minutes) or the quick one ({@code -Dbenchmark.quick},
 * under 3 minutes: shorter windows, baselines at 64 clients only, fewer old rows, no profiles).
 * Every run first warms the gateway up unmeasured ({@code globalWarmup}). {@code drainBacklog}: the
 * RECEIVED events built up, with processing paused, for the drain figure.
 * {@code -Dbenchmark.profile=true|false} forces flight recordings of missed targets on or off.
 */
record Plan(boolean quick, Duration warmup, Duration measure, List<Integer> inboundClients, List<Integer> baselineClients,
            Duration lagWindow, int outboundDeliveries, double publishRate, Duration publishWindow,
            int oldRows, Duration growthWindow, boolean profile, Duration globalWarmup, int drainBacklog) {

    static Plan fromSystemProperties() {
        boolean quick = flag("benchmark.quick", false);
        boolean profile = flag("benchmark.profile", !quick);
        if (quick) {
            return new Plan(true, Duration.ofSeconds(2), Duration.ofSeconds(4), List.of(1, 16, 64), List.of(64),
                    Duration.ofSeconds(4), 500, 20, Duration.ofSeconds(3), 100_000, Duration.ofSeconds(3), profile,
                    Duration.ofSeconds(10), 3_000);
        }
        return new Plan(false, Duration.ofSeconds(8), Duration.ofSeconds(25), List.of(1, 16, 64), List.of(1, 16, 64),
                Duration.ofSeconds(30), 3000, 20, Duration.ofSeconds(15), 1_000_000, Duration.ofSeconds(15), profile,
                Duration.ofSeconds(30), 50_000);
    }

    private static boolean flag(String key, boolean otherwise) {
        String value = System.getProperty(key);
        return value == null ? otherwise : !value.equals("false");
    }
}
