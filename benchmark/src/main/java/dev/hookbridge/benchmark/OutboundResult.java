package dev.hookbridge.benchmark;

/**
 * The outbound figures: a burst of {@code deliveries} beside baseline 4, and the latency from a
 * publish's 202 to its first attempt at the receiver when publishing at {@code publishRate}/s.
 */
record OutboundResult(int deliveries, OutboundBurst burst, double baseline4PerSecond, long publishRate,
                      LoadResult publishToFirstAttempt) {

    double ratioToBaseline4() {
        return burst.deliveriesPerSecond() / baseline4PerSecond;
    }
}
