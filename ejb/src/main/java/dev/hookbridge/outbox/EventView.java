package dev.hookbridge.outbox;

import jakarta.json.JsonValue;

import java.time.Instant;

/** An outbound event as the API shows it; {@code source} is set for events routed from an inbound source. */
public record EventView(String id, String type, Instant timestamp, JsonValue data, String source) {
}
