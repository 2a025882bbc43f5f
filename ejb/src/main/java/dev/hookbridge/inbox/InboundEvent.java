package dev.hookbridge.inbox;

/**
 * A processed inbound event, fired as a CDI event inside the processing transaction so in-app code
 * ({@code void on(@Observes InboundEvent e)}) can act on it atomically: an observer that throws rolls
 * the processing back and the broker redelivers the event.
 */
public record InboundEvent(long inboxId, String source, String eventId, String eventType, byte[] body,
                           String contentType, boolean replay) {
}
