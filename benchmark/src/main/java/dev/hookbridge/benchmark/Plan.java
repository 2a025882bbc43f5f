package dev.hookbridge.benchmark;

import java.time.Duration;
import java.util.List;

/**
 * How long and how much: the full run (under 20 minutes) or the quick one ({@code -Dbenchmark.quick},
 * under 3 minutes, shorter windows, baselines at 64 clients only, fewer old rows).
 */
record Plan(boolean quick, Duration warmup, Duration measure, List<Integer> inboundClients, List<Integer> baselineClients,
            Duration lagWindow, int outboundDeliveries, double publishRate, Duration publishWindow,
            int oldRows, Duration growthWindow) {

    static Plan fromSystemProperties() {
        String quick = System.getProperty("benchmark.quick");
        if (quick != null && !quick.equals("false")) {
            return new Plan(true, Duration.ofSeconds(2), Duration.ofSeconds(4), List.of(1, 16, 64), List.of(64),
                    Duration.ofSeconds(6), 1000, 20, Duration.ofSeconds(4), 100_000, Duration.ofSeconds(4));
        }
        return new Plan(false, Duration.ofSeconds(8), Duration.ofSeconds(25), List.of(1, 16, 64), List.of(1, 16, 64),
                Duration.ofSeconds(30), 5000, 20, Duration.ofSeconds(15), 1_000_000, Duration.ofSeconds(15));
    }
}
