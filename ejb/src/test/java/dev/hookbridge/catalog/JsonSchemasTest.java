package dev.hookbridge.catalog;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.hookbridge.catalog.SchemaComparisonTest.json;
import static org.assertj.core.api.Assertions.assertThat;

class JsonSchemasTest {

    @Test
    void aValidDraft202012SchemaHasNoProblems() {
        assertThat(JsonSchemas.problems(json("""
                {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
                 "properties": {"amount": {"$ref": "#/$defs/money"}}, "$defs": {"money": {"type": "integer"}}}"""))).isEmpty();
    }

    @Test
    void aSchemaThatBreaksTheMetaSchemaIsNamed() {
        List<String> problems = JsonSchemas.problems(json("{\"type\": \"money\", \"minimum\": \"zero\"}"));
        assertThat(problems).isNotEmpty();
        assertThat(String.join(" ", problems)).contains("/type").contains("/minimum");
    }

    @Test
    void anotherDialectIsRefused() {
        assertThat(JsonSchemas.problems(json("{\"$schema\": \"http://json-schema.org/draft-07/schema#\"}")))
                .singleElement().asString().contains("draft 2020-12");
    }

    @Test
    void referencesThatLeaveTheSchemaAreRefusedAndNeverFetched() {
        assertThat(JsonSchemas.problems(json("{\"properties\": {\"a\": {\"$ref\": \"https://example.com/money.json\"}}}")))
                .singleElement().asString().contains("/properties/a/$ref").contains("nothing is fetched");
        assertThat(JsonSchemas.problems(json("{\"$ref\": \"other.json#/x\"}"))).hasSize(1);
    }

    @Test
    void notAnObjectIsRefused() {
        assertThat(JsonSchemas.problems(json("[1]"))).hasSize(1);
        assertThat(JsonSchemas.problems(json("true"))).isEmpty();
    }

    @Test
    void violationsNameTheirPathInThePayload() {
        var schema = JsonSchemas.compile(json("""
                {"type": "object", "properties": {"amount": {"type": "integer"}, "lines": {"type": "array", "items": {"type": "string"}}},
                 "required": ["amount"]}"""));
        assertThat(JsonSchemas.violations(schema, json("{\"amount\": 3, \"lines\": [\"a\"]}"))).isEmpty();
        List<JsonSchemas.Violation> violations = JsonSchemas.violations(schema, json("{\"amount\": \"3\", \"lines\": [\"a\", 2]}"));
        assertThat(violations).extracting(JsonSchemas.Violation::path).containsExactlyInAnyOrder("$.amount", "$.lines[1]");
        assertThat(JsonSchemas.violations(schema, json("{}"))).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("amount"));
    }
}
