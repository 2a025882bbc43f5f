package dev.hookbridge.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * JSON Schema draft 2020-12, through the networknt validator: whether a schema may be an event type's
 * version, and which rules a payload breaks. Nothing is ever fetched: every {@code $ref} must point
 * into the schema itself, and the validator only reads the draft's meta-schemas it carries.
 */
public final class JsonSchemas {

    public static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";
    /** Payload violations are located by JSON path ($.lines[1]), a schema's own problems by JSON pointer. */
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().pathType(PathType.JSON_PATH).build()));
    private static final Schema META_SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(SchemaLocation.of(DRAFT_2020_12));
    private static final List<String> REFERENCES = List.of("$ref", "$dynamicRef");

    private JsonSchemas() {
    }

    /** One rule a payload breaks: where (a JSON path into the payload) and what. */
    public record Violation(String path, String message) {
    }

    /** Why {@code schema} cannot be a version of an event type; empty when it can. */
    public static List<String> problems(JsonNode schema) {
        List<String> problems = new ArrayList<>();
        if (!schema.isObject() && !schema.isBoolean()) {
            problems.add("a schema must be a JSON object (or true or false)");
            return problems;
        }
        JsonNode dialect = schema.get("$schema");
        if (dialect != null && !(dialect.isTextual() && dialect.asText().replaceAll("#$", "").equals(DRAFT_2020_12))) {
            problems.add("$schema must be " + DRAFT_2020_12 + " (draft 2020-12) or left out, not " + dialect);
        }
        collectForeignReferences(schema, "", problems);
        if (problems.isEmpty()) {
            for (Error error : META_SCHEMA.validate(schema)) {
                problems.add(location(error) + ": " + error.getMessage());
            }
        }
        return problems;
    }

    /** The schema ready to validate payloads; {@link #problems} must have found none. */
    public static Schema compile(JsonNode schema) {
        Schema compiled = REGISTRY.getSchema(schema);
        compiled.initializeValidators();
        return compiled;
    }

    public static List<Violation> violations(Schema schema, JsonNode payload) {
        return schema.validate(payload).stream().map(e -> new Violation(location(e), e.getMessage())).toList();
    }

    private static String location(Error error) {
        String location = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
        return location.isEmpty() ? "(root)" : location;
    }

    /** References that leave the document: a remote URL (never fetched) or another document's id. */
    private static void collectForeignReferences(JsonNode node, String at, List<String> problems) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String where = at + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
                if (REFERENCES.contains(field.getKey()) && field.getValue().isTextual()
                        && !field.getValue().asText().startsWith("#")) {
                    problems.add(where + ": " + field.getKey() + " '" + field.getValue().asText()
                            + "' leaves the schema; only references inside it (starting with #) are allowed, nothing is fetched");
                }
                collectForeignReferences(field.getValue(), where, problems);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectForeignReferences(node.get(i), at + "/" + i, problems);
            }
        }
    }
}
