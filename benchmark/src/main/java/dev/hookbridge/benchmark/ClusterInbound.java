package dev.hookbridge.benchmark;

import java.util.Map;

/**
 * One inbound window of a cluster phase: the window's figures as the single-node benchmark has them
 * (accepted through the balancer, processed, cost per webhook of each process), what each node's own
 * counters say it accepted and processed, and PostgreSQL's lock waits during the window.
 */
record ClusterInbound(InboundWindow window, Map<String, NodeCounters> byNode, LockWaits locks) {
}
