package dev.hookbridge.benchmark;

import dev.hookbridge.testsupport.Receiver;

import java.time.Duration;

/**
 * Deliveries made due at once and timed until the database shows them all DELIVERED (the outbound
 * figure of both the single-node and the cluster benchmark). A caller that reads more figures over
 * the same window (CPU, each node's counters) is told when it opens and when it closes.
 */
final class OutboundBurstMeasurement {

    /** Told when the deliveries are made due and when the last of them is DELIVERED. */
    interface Window {
        Window NONE = new Window() {
            @Override
            public void opened() {
            }

            @Override
            public void closed() {
            }
        };

        void opened();

        void closed();
    }

    private OutboundBurstMeasurement() {
    }

    /**
     * {@code count} deliveries made due in one statement; answers deliveries/s (first arrival until
     * the database shows all DELIVERED), arrivals/s at the receiver, and database commits per delivery
     * (claims and outcomes; the benchmark's own polling adds about one per 50 ms).
     */
    static OutboundBurst run(Database db, Receiver receiver, String endpointId, String prefix, int count, Window window) {
        db.insertParkedDeliveries(prefix, count, endpointId);
        Database.sleep(1500); // the commit statistics lag up to a second behind
        long commitsBefore = db.commits();
        window.opened();
        db.makeDue(prefix);
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (db.delivered(prefix) < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + db.delivered(prefix) + " of " + count + " deliveries within 5 minutes");
            }
            Database.sleep(50);
        }
        long allDelivered = System.nanoTime();
        window.closed();
        Database.sleep(1500);
        double commitsPerDelivery = (db.commits() - commitsBefore - 1) / (double) count;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int i = 1; i <= count; i++) {
            Long arrival = receiver.firstArrivalNanos(prefix + "-" + i);
            if (arrival != null) {
                first = Math.min(first, arrival);
                last = Math.max(last, arrival);
            }
        }
        return new OutboundBurst(count / ((allDelivered - first) / 1e9), (count - 1) / ((last - first) / 1e9), commitsPerDelivery);
    }
}
