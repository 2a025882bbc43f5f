package dev.hookbridge.benchmark;

import java.util.Map;

/**
 * The outbound burst of a cluster phase: {@code deliveries} made due at once, its rate, CPU
 * milliseconds of each process per delivery, what each node's counters say it delivered, PostgreSQL's
 * lock waits while the burst ran, and how often the balancer took a node out meanwhile.
 */
record ClusterOutbound(int deliveries, OutboundBurst burst, Map<String, Double> cpuMillisPerDelivery,
                       Map<String, NodeCounters> byNode, LockWaits locks, int nodesTakenOut) {
}
