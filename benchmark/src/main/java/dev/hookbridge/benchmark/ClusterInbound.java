package dev.hookbridge.benchmark;

import java.util.Map;

/**
 * One inbound window of a cluster phase: the window's figures as the single-node benchmark has them
 * (accepted through the balancer, processed, cost per webhook of each process), the answers other than
 * 200 by status (warm-up included, as the load runs it without a pause), what each node's own
 * counters say it accepted and processed (read when the window opens and closes, {@code countersReadSeconds}
 * the longer of the two reads), PostgreSQL's lock waits during the window, and how often the balancer
 * took a node out of the rotation in it.
 */
record ClusterInbound(InboundWindow window, Map<String, Long> failedByStatus, Map<String, NodeCounters> byNode, double countersReadSeconds, LockWaits locks,
                      int nodesTakenOut) {
}
