package dev.hookbridge.operations;

import dev.hookbridge.json.JsonProcessing;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One operational event (docs/operations.md, "Operational events"): its type, when it happened, the
 * endpoint it concerns (if any), the dashboard page to look at, and the fields of its type.
 *
 * @param fields strings, numbers, booleans or instants, by name; a null value is written as JSON null
 */
public record OperationalEvent(OperationalEventType type, Instant occurredAt, String endpointId, String link,
                               Map<String, Object> fields) {

    public OperationalEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(link, "link");
        fields = fields == null ? Map.of() : new LinkedHashMap<>(fields);
    }

    /** An event that concerns no endpoint, happening now, with the dashboard page to look at. */
    public static OperationalEvent withoutEndpoint(OperationalEventType type, String link, Map<String, Object> fields) {
        return new OperationalEvent(type, Instant.now(), null, link, fields);
    }

    public static OperationalEvent aboutEndpoint(OperationalEventType type, Instant occurredAt, String endpointId,
                                                 Map<String, Object> fields) {
        return new OperationalEvent(type, occurredAt, endpointId, "/dashboard/#/endpoints/" + endpointId, fields);
    }

    /** The same event with its link made absolute: {@code baseUrl} (no trailing slash) before the path. */
    public OperationalEvent withLinkBase(String baseUrl) {
        return new OperationalEvent(type, occurredAt, endpointId, baseUrl + link, fields);
    }

    /** The message body: {@code type}, {@code occurredAt}, {@code endpointId} where there is one, {@code link}, then the fields. */
    public JsonObject toJson() {
        JsonObjectBuilder json = JsonProcessing.PROVIDER.createObjectBuilder()
                .add("type", type.wireName())
                .add("occurredAt", occurredAt.toString());
        if (endpointId != null) {
            json.add("endpointId", endpointId);
        }
        json.add("link", link);
        fields.forEach((name, value) -> {
            if (value == null) {
                json.addNull(name);
            } else if (value instanceof String text) {
                json.add(name, text);
            } else if (value instanceof Integer number) {
                json.add(name, number);
            } else if (value instanceof Long number) {
                json.add(name, number);
            } else if (value instanceof Boolean flag) {
                json.add(name, flag);
            } else if (value instanceof Instant instant) {
                json.add(name, instant.toString());
            } else {
                throw new IllegalArgumentException("field " + name + " of type " + value.getClass().getName()
                        + " has no JSON form here");
            }
        });
        return json.build();
    }
}
