package dev.hookbridge.inbox;

import dev.hookbridge.signature.EventIdentity;

import java.util.List;
import java.util.Map;

/**
 * A verified inbound webhook about to be stored: where it came from, its identity, and the raw
 * request (signature headers redacted). {@code orderingGroup} is the value at the source's ordering
 * key, if any; {@code traceparent}, the trace its intake belongs to (see TraceParent), if any.
 */
public record InboundWebhook(String source, EventIdentity identity, byte[] body, String contentType,
                             Map<String, List<String>> headers, String orderingGroup, String traceparent) {

    public InboundWebhook tracedBy(String traceparent) {
        return new InboundWebhook(source, identity, body, contentType, headers, orderingGroup, traceparent);
    }

    public String eventId() {
        return identity.eventId();
    }

    public String eventType() {
        return identity.eventType();
    }
}
