package dev.hookbridge.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hookbridge.common.InvalidInputException;

import java.util.Collections;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a client gives to create or update an event type (docs/event-types.md): its description,
 * group, deprecation, compatibility mode (null keeps the type's, BACKWARD for a new one), its
 * versions' schemas and examples by version number.
 */
public record EventTypeDefinition(String description, String group, boolean deprecated, Compatibility compatibility,
                                  SortedMap<Integer, JsonNode> schemas, SortedMap<Integer, JsonNode> examples) {

    /** An event type's name, which is also its path segment in /api/event-types/{name}. */
    public static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9._:-]{0,199}";
    public static final String NAME_RULE = "must be 1–200 characters of letters, digits, '.', '_', ':' and '-', starting with a letter or digit";
    static final String GROUP_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}";
    static final int MAX_DESCRIPTION = 2000;
    static final int MAX_VERSION = 10_000;
    private static final Set<String> FIELDS = Set.of("description", "group", "deprecated", "compatibility", "schemas", "examples");

    /** Reads a definition from JSON text; every field that breaks a rule is a 400 naming it. */
    public static EventTypeDefinition parse(String json) {
        JsonNode body;
        try {
            body = CatalogJson.parse(json);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("body", "must be JSON: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject()) {
            throw new InvalidInputException("body", "must be a JSON object with schemas and optionally description, group, deprecated, compatibility, examples");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidInputException(name, "unknown field '" + name + "'; the fields are " + FIELDS);
            }
        }
        String description = text(body, "description");
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw new InvalidInputException("description", "must be at most " + MAX_DESCRIPTION + " characters");
        }
        String group = text(body, "group");
        if (group != null && !group.matches(GROUP_PATTERN)) {
            throw new InvalidInputException("group", "must be 1–100 characters of letters, digits, '.', '_' and '-'");
        }
        JsonNode deprecated = body.get("deprecated");
        if (deprecated != null && !deprecated.isBoolean() && !deprecated.isNull()) {
            throw new InvalidInputException("deprecated", "must be true or false");
        }
        SortedMap<Integer, JsonNode> schemas = byVersion(body, "schemas");
        if (schemas.isEmpty()) {
            throw new InvalidInputException("schemas", "must hold at least one version: {\"1\": {…a JSON Schema…}}");
        }
        return new EventTypeDefinition(description, group, deprecated != null && deprecated.asBoolean(),
                compatibility(body), schemas, byVersion(body, "examples"));
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidInputException(field, "must be a string");
        }
        return value.asText();
    }

    private static Compatibility compatibility(JsonNode body) {
        String mode = text(body, "compatibility");
        if (mode == null) {
            return null;
        }
        try {
            return Compatibility.valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("compatibility", "must be one of BACKWARD, FORWARD, FULL, NONE");
        }
    }

    /** An object keyed by version numbers ("1", "2", …). */
    private static SortedMap<Integer, JsonNode> byVersion(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Collections.emptySortedMap();
        }
        if (!value.isObject()) {
            throw new InvalidInputException(field, "must be an object keyed by version: {\"1\": …, \"2\": …}");
        }
        SortedMap<Integer, JsonNode> byVersion = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> entries = value.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            int version;
            try {
                version = Integer.parseInt(entry.getKey());
            } catch (NumberFormatException e) {
                version = 0;
            }
            if (version < 1 || version > MAX_VERSION || !entry.getKey().equals(Integer.toString(version))) {
                throw new InvalidInputException(field, "'" + entry.getKey() + "' is not a version: versions are whole numbers from 1 to " + MAX_VERSION);
            }
            byVersion.put(version, entry.getValue());
        }
        return byVersion;
    }
}
