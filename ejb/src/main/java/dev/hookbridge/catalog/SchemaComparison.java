package dev.hookbridge.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The differences between two versions of a JSON Schema (draft 2020-12) that change which payloads it
 * accepts, each with its location and whether it narrows or widens that set; {@link Compatibility}
 * decides which of them a mode refuses. The rules, one per keyword family, are in
 * docs/event-types.md ("Compatibility rules"). Keywords whose effect is not worked out here
 * ({@code oneOf}, {@code $ref}, {@code if}, …) count as an unknown change when they differ.
 *
 * <p>Properties an object schema does not describe are taken to be properties publishers do not
 * send: so adding or removing an optional property of an open object changes nothing, while the
 * same on a closed object ({@code additionalProperties: false}) does.
 */
public final class SchemaComparison {

    private static final Set<String> ANNOTATIONS = Set.of("title", "description", "examples", "default", "deprecated",
            "readOnly", "writeOnly", "$comment", "$schema", "$id", "$anchor", "format", "contentMediaType",
            "contentEncoding", "contentSchema");
    private static final Set<String> COMPARED = Set.of("type", "enum", "const", "required", "properties",
            "additionalProperties", "items", "prefixItems", "minimum", "exclusiveMinimum", "minLength", "minItems",
            "minProperties", "maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties", "multipleOf",
            "uniqueItems", "pattern");
    private static final List<String> LOWER_BOUNDS = List.of("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties");
    private static final List<String> UPPER_BOUNDS = List.of("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties");
    private static final Set<String> JSON_TYPES = Set.of("null", "boolean", "object", "array", "number", "string", "integer");

    private final List<SchemaChange> changes = new ArrayList<>();

    private SchemaComparison() {
    }

    /** What changed from {@code older} to {@code newer}, in the order of the newer schema's keywords. */
    public static List<SchemaChange> between(JsonNode older, JsonNode newer) {
        SchemaComparison comparison = new SchemaComparison();
        comparison.compare(older, newer, "");
        return List.copyOf(comparison.changes);
    }

    private void compare(JsonNode older, JsonNode newer, String at) {
        if (older.equals(newer)) {
            return;
        }
        if (older.isBoolean() || newer.isBoolean()) {
            compareBooleanSchemas(older, newer, at);
            return;
        }
        compareTypes(older, newer, at);
        compareValues(older, newer, at);
        compareRequired(older, newer, at);
        compareProperties(older, newer, at);
        compareAdditionalProperties(older, newer, at);
        compareItems(older, newer, at);
        compareBounds(older, newer, at);
        compareFlagsAndPatterns(older, newer, at);
        compareOtherKeywords(older, newer, at);
    }

    /** {@code true} accepts everything, {@code false} nothing. */
    private void compareBooleanSchemas(JsonNode older, JsonNode newer, String at) {
        if (isTrue(older) && !isTrue(newer)) {
            changes.add(SchemaChange.narrowing(at, newer.isBoolean() ? "now accepts nothing (false)"
                    : "was any value (true), now constrained"));
        } else if (isFalse(older) && !isFalse(newer)) {
            changes.add(SchemaChange.widening(at, "accepted nothing (false), now accepts values"));
        } else if (isFalse(newer)) {
            changes.add(SchemaChange.narrowing(at, "now accepts nothing (false)"));
        } else if (isTrue(newer)) {
            changes.add(SchemaChange.widening(at, "now accepts any value (true)"));
        }
    }

    private void compareTypes(JsonNode older, JsonNode newer, String at) {
        Set<String> was = types(older);
        Set<String> is = types(newer);
        if (Objects.equals(was, is)) {
            return;
        }
        String where = at + "/type";
        if (was == null) {
            changes.add(SchemaChange.narrowing(where, "type restricted to " + is));
            return;
        }
        if (is == null) {
            changes.add(SchemaChange.widening(where, "type no longer restricted (was " + was + ")"));
            return;
        }
        Set<String> lost = uncovered(was, is);
        Set<String> gained = uncovered(is, was);
        if (!lost.isEmpty() || !gained.isEmpty()) {
            changes.add(new SchemaChange(where, "type changed from " + was + " to " + is, !lost.isEmpty(), !gained.isEmpty()));
        }
    }

    /** {@code enum} and {@code const} together: the values a schema is limited to. */
    private void compareValues(JsonNode older, JsonNode newer, String at) {
        Set<JsonNode> was = allowedValues(older);
        Set<JsonNode> is = allowedValues(newer);
        if (Objects.equals(was, is)) {
            return;
        }
        String where = at + (newer.has("const") ? "/const" : "/enum");
        if (was == null) {
            changes.add(SchemaChange.narrowing(where, "values restricted to " + is));
        } else if (is == null) {
            changes.add(SchemaChange.widening(where, "values no longer restricted (were " + was + ")"));
        } else {
            Set<JsonNode> removed = new LinkedHashSet<>(was);
            removed.removeAll(is);
            Set<JsonNode> added = new LinkedHashSet<>(is);
            added.removeAll(was);
            if (!removed.isEmpty()) {
                changes.add(SchemaChange.narrowing(where, "enum narrowed: " + removed + " no longer allowed"));
            }
            if (!added.isEmpty()) {
                changes.add(SchemaChange.widening(where, "enum widened: " + added + " now allowed"));
            }
        }
    }

    private void compareRequired(JsonNode older, JsonNode newer, String at) {
        Set<String> was = strings(older.get("required"));
        Set<String> is = strings(newer.get("required"));
        JsonNode olderProperties = older.path("properties");
        for (String name : is) {
            if (!was.contains(name)) {
                changes.add(SchemaChange.narrowing(at + "/required", olderProperties.has(name)
                        ? "property '" + name + "' became required"
                        : "new required property '" + name + "'"));
            }
        }
        for (String name : was) {
            if (!is.contains(name)) {
                changes.add(SchemaChange.widening(at + "/required", newer.path("properties").has(name)
                        ? "property '" + name + "' is no longer required"
                        : "required property '" + name + "' removed"));
            }
        }
    }

    private void compareProperties(JsonNode older, JsonNode newer, String at) {
        JsonNode was = older.path("properties");
        JsonNode is = newer.path("properties");
        for (Iterator<String> names = is.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            String where = at + "/properties/" + pointerToken(name);
            if (was.has(name)) {
                compare(was.get(name), is.get(name), where);
            } else if (isFalse(older.get("additionalProperties"))) {
                changes.add(SchemaChange.widening(where, "property '" + name + "' added to a closed object (the previous version refuses it)"));
            }
        }
        for (Iterator<String> names = was.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!is.has(name) && isFalse(newer.get("additionalProperties"))) {
                changes.add(SchemaChange.narrowing(at + "/properties/" + pointerToken(name),
                        "property '" + name + "' removed from a closed object (payloads with it are refused)"));
            }
        }
    }

    private void compareAdditionalProperties(JsonNode older, JsonNode newer, String at) {
        JsonNode was = older.get("additionalProperties");
        JsonNode is = newer.get("additionalProperties");
        String where = at + "/additionalProperties";
        boolean wasOpen = was == null || isTrue(was);
        boolean isOpen = is == null || isTrue(is);
        if (wasOpen && isOpen) {
            return;
        }
        if (wasOpen) {
            changes.add(SchemaChange.narrowing(where, "additionalProperties tightened to " + is));
        } else if (isOpen) {
            changes.add(SchemaChange.widening(where, "additionalProperties loosened (was " + was + ")"));
        } else {
            compare(was, is, where);
        }
    }

    private void compareItems(JsonNode older, JsonNode newer, String at) {
        JsonNode was = older.get("items");
        JsonNode is = newer.get("items");
        if (was != null || is != null) {
            compare(was == null ? BooleanNode.TRUE : was, is == null ? BooleanNode.TRUE : is, at + "/items");
        }
        JsonNode wasPrefix = older.path("prefixItems");
        JsonNode isPrefix = newer.path("prefixItems");
        if (wasPrefix.equals(isPrefix)) {
            return;
        }
        if (wasPrefix.size() != isPrefix.size()) {
            changes.add(SchemaChange.unknown(at + "/prefixItems", "prefixItems changed in length"));
            return;
        }
        for (int i = 0; i < isPrefix.size(); i++) {
            compare(wasPrefix.get(i), isPrefix.get(i), at + "/prefixItems/" + i);
        }
    }

    private void compareBounds(JsonNode older, JsonNode newer, String at) {
        for (String keyword : LOWER_BOUNDS) {
            compareBound(older.get(keyword), newer.get(keyword), at + "/" + keyword, keyword, true);
        }
        for (String keyword : UPPER_BOUNDS) {
            compareBound(older.get(keyword), newer.get(keyword), at + "/" + keyword, keyword, false);
        }
        compareConstraint(older, newer, at, "multipleOf");
    }

    /** A constraint added narrows, removed widens; changed, its effect is not worked out (a pattern, a divisor). */
    private void compareConstraint(JsonNode older, JsonNode newer, String at, String keyword) {
        JsonNode was = older.get(keyword);
        JsonNode is = newer.get(keyword);
        if (Objects.equals(was, is)) {
            return;
        }
        String where = at + "/" + keyword;
        if (was == null) {
            changes.add(SchemaChange.narrowing(where, keyword + " " + is + " added"));
        } else if (is == null) {
            changes.add(SchemaChange.widening(where, keyword + " " + was + " removed"));
        } else {
            changes.add(SchemaChange.unknown(where, keyword + " changed from " + was + " to " + is));
        }
    }

    /** A lower bound that rises, or an upper bound that falls, narrows; the opposite widens. */
    private void compareBound(JsonNode was, JsonNode is, String where, String keyword, boolean lower) {
        if (was == null && is == null) {
            return;
        }
        if (was == null) {
            changes.add(SchemaChange.narrowing(where, keyword + " " + is + " added"));
            return;
        }
        if (is == null) {
            changes.add(SchemaChange.widening(where, keyword + " " + was + " removed"));
            return;
        }
        int order = number(is).compareTo(number(was));
        if (order == 0) {
            return;
        }
        boolean tighter = lower ? order > 0 : order < 0;
        String description = keyword + " changed from " + was + " to " + is;
        changes.add(tighter ? SchemaChange.narrowing(where, description) : SchemaChange.widening(where, description));
    }

    private void compareFlagsAndPatterns(JsonNode older, JsonNode newer, String at) {
        boolean wasUnique = older.path("uniqueItems").asBoolean(false);
        boolean isUnique = newer.path("uniqueItems").asBoolean(false);
        if (!wasUnique && isUnique) {
            changes.add(SchemaChange.narrowing(at + "/uniqueItems", "items must now be unique"));
        } else if (wasUnique && !isUnique) {
            changes.add(SchemaChange.widening(at + "/uniqueItems", "items no longer need to be unique"));
        }
        compareConstraint(older, newer, at, "pattern");
    }

    /** Every other assertion keyword: equal, or a change whose effect is not worked out. */
    private void compareOtherKeywords(JsonNode older, JsonNode newer, String at) {
        Set<String> keywords = new LinkedHashSet<>();
        newer.fieldNames().forEachRemaining(keywords::add);
        older.fieldNames().forEachRemaining(keywords::add);
        for (String keyword : keywords) {
            if (ANNOTATIONS.contains(keyword) || COMPARED.contains(keyword)) {
                continue;
            }
            if (!Objects.equals(older.get(keyword), newer.get(keyword))) {
                changes.add(SchemaChange.unknown(at + "/" + pointerToken(keyword), "'" + keyword
                        + "' changed; its effect is not worked out, so it counts as breaking in every mode but NONE"));
            }
        }
    }

    /** The JSON types a schema allows, or null when it names none (any type). */
    private static Set<String> types(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return null;
        }
        Set<String> types = new LinkedHashSet<>();
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        } else {
            types.add(type.asText());
        }
        types.retainAll(JSON_TYPES);
        return types;
    }

    /** The types of {@code these} that {@code those} does not allow ("integer" is within "number"). */
    private static Set<String> uncovered(Set<String> these, Set<String> those) {
        Set<String> uncovered = new LinkedHashSet<>();
        for (String type : these) {
            boolean covered = those.contains(type) || (type.equals("integer") && those.contains("number"));
            if (!covered) {
                uncovered.add(type);
            }
        }
        return uncovered;
    }

    private static Set<JsonNode> allowedValues(JsonNode schema) {
        Set<JsonNode> values = null;
        if (schema.has("enum")) {
            values = new LinkedHashSet<>();
            schema.get("enum").forEach(values::add);
        }
        if (schema.has("const")) {
            JsonNode constant = schema.get("const");
            values = values == null || values.contains(constant) ? new LinkedHashSet<>(List.of(constant)) : Set.of();
        }
        return values;
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> strings = new LinkedHashSet<>();
        if (array != null && array.isArray()) {
            array.forEach(s -> strings.add(s.asText()));
        }
        return strings;
    }

    private static BigDecimal number(JsonNode node) {
        return node.isNumber() ? node.decimalValue() : BigDecimal.ZERO;
    }

    private static boolean isTrue(JsonNode node) {
        return node != null && node.isBoolean() && node.booleanValue();
    }

    private static boolean isFalse(JsonNode node) {
        return node != null && node.isBoolean() && !node.booleanValue();
    }

    private static String pointerToken(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
