package dev.hookbridge.benchmark;

import java.util.Map;

/**
 * What one accepted webhook cost in one inbound window, intake and processing together: CPU
 * milliseconds of each process, and PostgreSQL transactions (xact_commit, read-only ones included).
 */
record WebhookCost(Map<String, Double> cpuMillisByProcess, double databaseCommits) {
}
