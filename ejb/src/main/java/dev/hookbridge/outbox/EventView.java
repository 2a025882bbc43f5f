package dev.hookbridge.outbox;

import jakarta.json.JsonValue;

import java.time.Instant;

/**
 * An outbound event as the API shows it; {@code source} is set for events routed from an inbound
 * source, {@code version} for events of a catalogued type (the version their data was checked against),
 * {@code customer} for events published for a customer.
 */
public record EventView(String id, String type, Integer version, String customer, Instant timestamp, JsonValue data,
                        String source) {
}
