package dev.hookbridge.inbox;

import java.util.List;
import java.util.Map;

/**
 * A verified inbound webhook about to be stored: where it came from, its identity, and the raw
 * request. {@code orderingGroup} is the value at the source's ordering key, if any.
 */
public record InboundWebhook(String source, String eventId, String eventType, byte[] body, String contentType,
                             Map<String, List<String>> headers, String orderingGroup) {
}
