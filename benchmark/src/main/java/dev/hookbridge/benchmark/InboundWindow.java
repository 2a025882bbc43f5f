package dev.hookbridge.benchmark;

/**
 * One measured inbound window at a number of clients: what was accepted, what processing did in the
 * same window, the RECEIVED backlog when the window opened and closed, how long the backlog took to
 * drain afterwards, and what each accepted webhook cost.
 */
record InboundWindow(int clients, LoadResult accepted, double processedPerSecond, long backlogAtStart,
                     long backlogAtEnd, double drainSeconds, boolean drained, WebhookCost cost) {

    /** What the gateway sustains: accepted/s, or processed/s when processing fell behind (backlog grew). */
    double sustainedPerSecond() {
        return Math.min(accepted.perSecond(), processedPerSecond);
    }
}
