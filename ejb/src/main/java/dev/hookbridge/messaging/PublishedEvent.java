package dev.hookbridge.messaging;

/**
 * A processed inbox event as its message on {@code webhooks.events} carries it: the raw body as the
 * text, the ids and type as string properties for selectors.
 */
public record PublishedEvent(long inboxId, String source, String eventId, String eventType, byte[] rawBody) {
}
