package dev.hookbridge.inbox;

/** Where an inbound event stands: stored, processed, or given up on after the broker's delivery limit. */
public enum InboxStatus {
    RECEIVED, PROCESSED, DEAD
}
