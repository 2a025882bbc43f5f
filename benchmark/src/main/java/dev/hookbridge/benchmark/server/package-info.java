/**
 * The baseline WAR, deployed beside the EAR only for the benchmark: an empty JAX-RS POST endpoint
 * (baseline 1) and a loop of XA transactions with one insert and one JMS send, timed inside the
 * server (baseline 5). Packed at run time by {@link dev.hookbridge.benchmark.BaselineWar}.
 */
package dev.hookbridge.benchmark.server;
