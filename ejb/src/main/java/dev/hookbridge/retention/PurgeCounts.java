package dev.hookbridge.retention;

/** How many rows one purge run removed, per table. */
public record PurgeCounts(long inboxEvents, long deliveries, long attempts, long events, int batches) {

    public boolean isEmpty() {
        return inboxEvents + deliveries + attempts + events == 0;
    }
}
