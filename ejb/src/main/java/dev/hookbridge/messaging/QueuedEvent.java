package dev.hookbridge.messaging;

/**
 * An inbox event as its message on {@code webhooks.inbound} names it: the inbox id processing needs,
 * and the source, event id and type ops select and read messages by. {@code orderingGroup} is the
 * value at the source's ordering key, or null; {@code traceparent} the trace of its intake (or replay), or null.
 */
public record QueuedEvent(long inboxId, String source, String eventId, String eventType, String orderingGroup,
                          String traceparent) {
}
