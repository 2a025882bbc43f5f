package dev.hookbridge.catalog;

import jakarta.json.JsonValue;

import java.time.Instant;
import java.util.Map;

/** An event type as the API shows it: its versions' schemas and examples keyed by version number. */
public record EventTypeView(String name, String description, String group, boolean deprecated,
                            Compatibility compatibility, int latestVersion, Map<String, JsonValue> schemas,
                            Map<String, JsonValue> examples, Instant createdAt, Instant updatedAt) {
}
