package dev.hookbridge.benchmark;

import java.util.Map;

/**
 * What one accepted webhook cost in one inbound window, intake and processing together: CPU
 * milliseconds of each process, PostgreSQL transactions (xact_commit, read-only ones included), and
 * JTA transactions committed by WildFly's transaction manager (each of the intake's and processing's
 * is two-phase: one transaction-log record and one broker commit).
 */
record WebhookCost(Map<String, Double> cpuMillisByProcess, double databaseCommits, double jtaCommits) {
}
