package dev.hookbridge.benchmark;

/**
 * The figures taken before and after the old rows are added: rows per table, the dispatcher's claim
 * statement, inbound at 16 clients and publish → first attempt (the last four rounded to hundredths,
 * as the growth target compares them).
 */
record GrowthPoint(long inboxEventRows, long eventRows, long deliveryRows, double claimStatementP50Ms,
                   double claimStatementP99Ms, double inboundPerSecond16Clients, double inboundP99Ms16Clients,
                   double publishToFirstAttemptP50Ms, double publishToFirstAttemptP99Ms) {
}
