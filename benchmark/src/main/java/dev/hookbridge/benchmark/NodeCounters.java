package dev.hookbridge.benchmark;

/**
 * What one node's own metrics count for the benchmark: webhooks it accepted (not duplicates), inbox
 * events its MDBs processed, and deliveries it sent successfully to the benchmark's endpoint.
 */
record NodeCounters(double accepted, double processed, double delivered) {

    NodeCounters minus(NodeCounters before) {
        return new NodeCounters(accepted - before.accepted, processed - before.processed, delivered - before.delivered);
    }
}
