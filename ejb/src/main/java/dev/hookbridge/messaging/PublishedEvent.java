package dev.hookbridge.messaging;

/**
 * A processed inbox event as its message on {@code webhooks.events} carries it: the raw body as the
 * text, the ids and type as string properties for selectors, and the trace context of its
 * processing (null without one), so that a subscriber can continue the trace.
 */
public record PublishedEvent(long inboxId, String source, String eventId, String eventType, byte[] rawBody,
                             String traceparent) {
}
