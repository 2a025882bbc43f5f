package dev.hookbridge.benchmark;

/**
 * Inbound offered open loop at a fixed rate: the answers, and the processing lag (received_at →
 * processed_at of the inbox row) of the events processed. {@code basis} says how the rate was chosen.
 */
record LagResult(double offeredPerSecond, String basis, LoadResult responses, long processed, double lagP50Ms,
                 double lagP99Ms, boolean drained) {
}
