package dev.hookbridge.outbox;

/** Fired when a transaction created deliveries; after it commits, the dispatcher is woken at once. */
public record DeliveriesCreated(int count) {
}
