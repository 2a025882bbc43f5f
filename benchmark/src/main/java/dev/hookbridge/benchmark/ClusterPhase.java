package dev.hookbridge.benchmark;

import java.util.List;
import java.util.Map;

/**
 * One phase of the cluster mode: the same load with this many nodes behind the balancer, and first
 * what each process spends with no load at all, in CPU ms per second (timers, the dispatchers' polls,
 * the balancer's readiness checks, the broker pair's heartbeats): the cost of a node that is only there.
 */
record ClusterPhase(int nodes, Map<String, Double> idleCpuMillisPerSecond, List<ClusterInbound> inbound, ClusterOutbound outbound) {
}
