package dev.hookbridge.benchmark;

/**
 * What one node's own metrics count for the benchmark: webhooks it accepted (not duplicates), inbox
 * events its MDBs processed, deliveries it sent successfully to the benchmark's endpoint, and the JTA
 * transactions its transaction manager committed.
 */
record NodeCounters(double accepted, double processed, double delivered, double transactions) {

    NodeCounters minus(NodeCounters before) {
        return new NodeCounters(accepted - before.accepted, processed - before.processed, delivered - before.delivered,
                transactions - before.transactions);
    }
}
