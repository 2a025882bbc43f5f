package dev.hookbridge.benchmark;

import java.util.List;

/** One phase of the cluster mode: the same load with this many nodes behind the balancer. */
record ClusterPhase(int nodes, List<ClusterInbound> inbound, ClusterOutbound outbound) {
}
