/**
 * What the nodes of a cluster share beyond the outbox's row claims: turns at jobs that one node at a
 * time runs for all of them ({@link dev.hookbridge.cluster.ClusterTurns}).
 */
package dev.hookbridge.cluster;
