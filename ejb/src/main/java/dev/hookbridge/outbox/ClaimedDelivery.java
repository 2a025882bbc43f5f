package dev.hookbridge.outbox;

import dev.hookbridge.endpoint.DeliveryTarget;

import java.time.Instant;

/**
 * A delivery a dispatcher owns until its lease ends: the event to send, where to send it, and the
 * trace the event was published in (null without one).
 */
public record ClaimedDelivery(long deliveryId, String eventId, String eventType, Instant eventTime, String data,
                              int attemptsMade, DeliveryTarget target, String traceparent, Integer schemaVersion) {
}
