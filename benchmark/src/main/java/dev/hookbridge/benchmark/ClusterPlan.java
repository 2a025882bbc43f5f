package dev.hookbridge.benchmark;

import java.time.Duration;
import java.util.List;

/**
 * How long and how much in the cluster mode ({@code -Dbenchmark.cluster}): the same load in each
 * phase (two nodes, then one), closed-loop inbound windows at {@code inboundClients} and an outbound
 * burst of {@code outboundDeliveries}. {@code -Dbenchmark.quick} shortens the windows.
 * {@code lockSampleEvery}: how often PostgreSQL's lock waits are read during a window; {@code idle}: how
 * long each phase first measures the processes' CPU with no load. {@code -Dbenchmark.cluster.warmup}
 * (an ISO-8601 duration such as {@code PT3M}) lengthens the warm-up before the first phase, to see how
 * much of the first phase's cost is code not yet compiled.
 */
record ClusterPlan(boolean quick, Duration globalWarmup, Duration phaseWarmup, Duration warmup, Duration measure,
                   List<Integer> inboundClients, int outboundDeliveries, Duration lockSampleEvery, Duration idle) {

    static ClusterPlan fromSystemProperties() {
        String quick = System.getProperty("benchmark.quick");
        if (quick != null && !quick.equals("false")) {
            return new ClusterPlan(true, globalWarmup(Duration.ofSeconds(30)), Duration.ofSeconds(5), Duration.ofSeconds(3),
                    Duration.ofSeconds(10), List.of(16, 64), 3000, Duration.ofMillis(100), Duration.ofSeconds(5));
        }
        return new ClusterPlan(false, globalWarmup(Duration.ofSeconds(60)), Duration.ofSeconds(10), Duration.ofSeconds(8),
                Duration.ofSeconds(25), List.of(16, 64), 10_000, Duration.ofMillis(100), Duration.ofSeconds(10));
    }

    private static Duration globalWarmup(Duration byDefault) {
        String warmup = System.getProperty("benchmark.cluster.warmup");
        return warmup == null || warmup.isBlank() ? byDefault : Duration.parse(warmup);
    }
}
