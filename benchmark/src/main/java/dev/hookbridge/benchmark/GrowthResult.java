package dev.hookbridge.benchmark;

/** The same figures before and after adding {@code oldRows} old rows to each outbox and inbox table. */
record GrowthResult(int oldRows, boolean quick, double bulkInsertSeconds, GrowthPoint before, GrowthPoint after) {

    /** Inbound/s keeps 80 % of its rate, and the claim statement's p50 at most doubles (plus 1 ms). */
    boolean flat() {
        return after.inboundPerSecond16Clients() >= 0.8 * before.inboundPerSecond16Clients()
                && after.claimStatementP50Ms() <= 2 * before.claimStatementP50Ms() + 1;
    }
}
