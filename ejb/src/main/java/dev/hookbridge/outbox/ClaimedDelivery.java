package dev.hookbridge.outbox;

import dev.hookbridge.endpoint.DeliveryTarget;

import java.time.Instant;

/** A delivery a dispatcher owns until its lease ends: the event to send and where to send it. */
public record ClaimedDelivery(long deliveryId, String eventId, String eventType, Instant eventTime, String data,
                              int attemptsMade, DeliveryTarget target) {
}
