package dev.hookbridge.outbox;

/** Where a delivery stands: waiting for its next attempt, delivered, or given up. */
public enum DeliveryStatus {
    PENDING, DELIVERED, DEAD
}
