package dev.hookbridge.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One test per compatibility rule of docs/event-types.md, "Compatibility rules". */
class SchemaComparisonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String INVOICE = """
            {"type": "object",
             "properties": {"id": {"type": "string"}, "amount": {"type": "integer", "minimum": 0},
                            "status": {"enum": ["open", "paid"]}, "note": {"type": "string"}},
             "required": ["id", "amount"]}""";

    @Test
    void sameSchemaChangesNothing() {
        assertThat(changes(INVOICE, INVOICE)).isEmpty();
        assertThat(changes(INVOICE, INVOICE.replace("\"type\": \"object\",", "\"type\": \"object\", \"description\": \"annotations do not count\","))).isEmpty();
    }

    @Test
    void aChangedTypeNarrowsAndWidens() {
        List<SchemaChange> changes = changes(INVOICE, INVOICE.replace("\"amount\": {\"type\": \"integer\"", "\"amount\": {\"type\": \"string\""));
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.location()).isEqualTo("/properties/amount/type");
            assertThat(c.narrows()).isTrue();
            assertThat(c.widens()).isTrue();
        });
        assertBreaks(changes, Compatibility.BACKWARD, Compatibility.FORWARD, Compatibility.FULL);
    }

    @Test
    void integerToNumberOnlyWidens() {
        List<SchemaChange> changes = changes(INVOICE, INVOICE.replace("\"amount\": {\"type\": \"integer\"", "\"amount\": {\"type\": \"number\""));
        assertThat(changes).singleElement().satisfies(c -> assertThat(c.narrows()).isFalse());
        assertBreaks(changes, Compatibility.FORWARD, Compatibility.FULL);
    }

    @Test
    void aNewRequiredPropertyBreaksBackward() {
        String newer = INVOICE.replace("\"required\": [\"id\", \"amount\"]", "\"required\": [\"id\", \"amount\", \"currency\"]")
                .replace("\"note\": {\"type\": \"string\"}", "\"note\": {\"type\": \"string\"}, \"currency\": {\"type\": \"string\"}");
        List<SchemaChange> changes = changes(INVOICE, newer);
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.location()).isEqualTo("/required");
            assertThat(c.description()).contains("new required property 'currency'");
        });
        assertBreaks(changes, Compatibility.BACKWARD, Compatibility.FULL);
    }

    @Test
    void aRemovedRequiredPropertyBreaksForward() {
        String newer = INVOICE.replace("\"required\": [\"id\", \"amount\"]", "\"required\": [\"id\"]")
                .replace("\"amount\": {\"type\": \"integer\", \"minimum\": 0},", "");
        List<SchemaChange> changes = changes(INVOICE, newer);
        assertThat(changes).singleElement().satisfies(c -> assertThat(c.description()).contains("required property 'amount' removed"));
        assertBreaks(changes, Compatibility.FORWARD, Compatibility.FULL);
    }

    @Test
    void anOptionalPropertyAddedToOrRemovedFromAnOpenObjectChangesNothing() {
        assertThat(changes(INVOICE, INVOICE.replace("\"note\": {\"type\": \"string\"}", "\"note\": {\"type\": \"string\"}, \"memo\": {\"type\": \"string\"}"))).isEmpty();
        assertThat(changes(INVOICE, INVOICE.replace(", \"note\": {\"type\": \"string\"}", ""))).isEmpty();
    }

    @Test
    void aPropertyRemovedFromAClosedObjectBreaksBackward() {
        String closed = INVOICE.replace("\"type\": \"object\",", "\"type\": \"object\", \"additionalProperties\": false,");
        List<SchemaChange> changes = changes(closed, closed.replace(", \"note\": {\"type\": \"string\"}", ""));
        assertThat(changes).singleElement().satisfies(c -> assertThat(c.location()).isEqualTo("/properties/note"));
        assertBreaks(changes, Compatibility.BACKWARD, Compatibility.FULL);
    }

    @Test
    void aPropertyAddedToAClosedObjectBreaksForward() {
        String closed = INVOICE.replace("\"type\": \"object\",", "\"type\": \"object\", \"additionalProperties\": false,");
        List<SchemaChange> changes = changes(closed, closed.replace("\"note\": {\"type\": \"string\"}", "\"note\": {\"type\": \"string\"}, \"memo\": {\"type\": \"string\"}"));
        assertThat(changes).singleElement().satisfies(c -> assertThat(c.location()).isEqualTo("/properties/memo"));
        assertBreaks(changes, Compatibility.FORWARD, Compatibility.FULL);
    }

    @Test
    void tightenedAdditionalPropertiesBreaksBackwardAndLoosenedBreaksForward() {
        String closed = INVOICE.replace("\"type\": \"object\",", "\"type\": \"object\", \"additionalProperties\": false,");
        List<SchemaChange> tightened = changes(INVOICE, closed);
        assertThat(tightened).singleElement().satisfies(c -> assertThat(c.location()).isEqualTo("/additionalProperties"));
        assertBreaks(tightened, Compatibility.BACKWARD, Compatibility.FULL);
        assertBreaks(changes(closed, INVOICE), Compatibility.FORWARD, Compatibility.FULL);
    }

    @Test
    void aNarrowedEnumBreaksBackwardAndAWidenedOneBreaksForward() {
        List<SchemaChange> narrowed = changes(INVOICE, INVOICE.replace("[\"open\", \"paid\"]", "[\"paid\"]"));
        assertThat(narrowed).singleElement().satisfies(c -> {
            assertThat(c.location()).isEqualTo("/properties/status/enum");
            assertThat(c.description()).contains("\"open\"");
        });
        assertBreaks(narrowed, Compatibility.BACKWARD, Compatibility.FULL);
        assertBreaks(changes(INVOICE, INVOICE.replace("[\"open\", \"paid\"]", "[\"open\", \"paid\", \"void\"]")),
                Compatibility.FORWARD, Compatibility.FULL);
    }

    @Test
    void aConstIsAnEnumOfOne() {
        assertBreaks(changes("{\"const\": \"a\"}", "{\"enum\": [\"a\", \"b\"]}"), Compatibility.FORWARD, Compatibility.FULL);
        assertThat(changes("{\"const\": \"a\"}", "{\"enum\": [\"a\"]}")).isEmpty();
    }

    @Test
    void boundsThatTightenBreakBackwardAndBoundsThatLoosenBreakForward() {
        assertBreaks(changes(INVOICE, INVOICE.replace("\"minimum\": 0", "\"minimum\": 1")), Compatibility.BACKWARD, Compatibility.FULL);
        assertBreaks(changes(INVOICE, INVOICE.replace(", \"minimum\": 0", "")), Compatibility.FORWARD, Compatibility.FULL);
        assertBreaks(changes("{\"type\": \"string\", \"maxLength\": 10}", "{\"type\": \"string\", \"maxLength\": 5}"),
                Compatibility.BACKWARD, Compatibility.FULL);
        assertBreaks(changes("{\"type\": \"string\"}", "{\"type\": \"string\", \"maxLength\": 5}"), Compatibility.BACKWARD, Compatibility.FULL);
        assertBreaks(changes("{\"type\": \"array\", \"minItems\": 2}", "{\"type\": \"array\", \"minItems\": 1}"),
                Compatibility.FORWARD, Compatibility.FULL);
    }

    @Test
    void arrayItemsAreComparedWhereTheyAre() {
        List<SchemaChange> changes = changes("{\"type\": \"array\", \"items\": {\"type\": \"string\"}}",
                "{\"type\": \"array\", \"items\": {\"type\": \"integer\"}}");
        assertThat(changes).singleElement().satisfies(c -> assertThat(c.location()).isEqualTo("/items/type"));
    }

    @Test
    void anAddedPatternNarrowsAndAChangedOneCountsBothWays() {
        assertBreaks(changes("{\"type\": \"string\"}", "{\"type\": \"string\", \"pattern\": \"^a\"}"), Compatibility.BACKWARD, Compatibility.FULL);
        assertBreaks(changes("{\"type\": \"string\", \"pattern\": \"^a\"}", "{\"type\": \"string\", \"pattern\": \"^b\"}"),
                Compatibility.BACKWARD, Compatibility.FORWARD, Compatibility.FULL);
    }

    @Test
    void aMultipleOfAddedNarrowsRemovedWidensAndChangedCountsBothWays() {
        assertBreaks(changes("{\"type\": \"number\"}", "{\"type\": \"number\", \"multipleOf\": 5}"), Compatibility.BACKWARD, Compatibility.FULL);
        assertBreaks(changes("{\"type\": \"number\", \"multipleOf\": 5}", "{\"type\": \"number\"}"), Compatibility.FORWARD, Compatibility.FULL);
        assertBreaks(changes("{\"type\": \"number\", \"multipleOf\": 5}", "{\"type\": \"number\", \"multipleOf\": 10}"),
                Compatibility.BACKWARD, Compatibility.FORWARD, Compatibility.FULL);
    }

    @Test
    void uniqueItemsTurnedOnNarrowsAndTurnedOffWidens() {
        List<SchemaChange> on = changes("{\"type\": \"array\"}", "{\"type\": \"array\", \"uniqueItems\": true}");
        assertThat(on).singleElement().satisfies(c -> assertThat(c.location()).isEqualTo("/uniqueItems"));
        assertBreaks(on, Compatibility.BACKWARD, Compatibility.FULL);
        assertBreaks(changes("{\"type\": \"array\", \"uniqueItems\": true}", "{\"type\": \"array\"}"), Compatibility.FORWARD, Compatibility.FULL);
    }

    @Test
    void aKeywordWhoseEffectIsNotWorkedOutCountsBothWays() {
        List<SchemaChange> changes = changes("{\"oneOf\": [{\"type\": \"string\"}, {\"type\": \"integer\"}]}",
                "{\"oneOf\": [{\"type\": \"string\"}, {\"type\": \"boolean\"}]}");
        assertThat(changes).singleElement().satisfies(c -> assertThat(c.location()).isEqualTo("/oneOf"));
        assertBreaks(changes, Compatibility.BACKWARD, Compatibility.FORWARD, Compatibility.FULL);
    }

    @Test
    void booleanSchemas() {
        assertBreaks(changes("true", "{\"type\": \"string\"}"), Compatibility.BACKWARD, Compatibility.FULL);
        assertBreaks(changes("{\"type\": \"string\"}", "true"), Compatibility.FORWARD, Compatibility.FULL);
        assertBreaks(changes("{\"type\": \"string\"}", "false"), Compatibility.BACKWARD, Compatibility.FULL);
    }

    @Test
    void propertyNamesWithSlashesAreEscapedInTheLocation() {
        List<SchemaChange> changes = changes("{\"properties\": {\"a/b\": {\"type\": \"string\"}}}",
                "{\"properties\": {\"a/b\": {\"type\": \"integer\"}}}");
        assertThat(changes).singleElement().satisfies(c -> assertThat(c.location()).isEqualTo("/properties/a~1b/type"));
    }

    /** Exactly the listed modes refuse the changes (NONE never does). */
    private static void assertBreaks(List<SchemaChange> changes, Compatibility... refusing) {
        assertThat(changes).isNotEmpty();
        for (Compatibility mode : Compatibility.values()) {
            boolean refuses = !mode.breaking(changes).isEmpty();
            assertThat(refuses).as("%s refuses %s", mode, changes).isEqualTo(List.of(refusing).contains(mode));
        }
    }

    private static List<SchemaChange> changes(String older, String newer) {
        return SchemaComparison.between(json(older), json(newer));
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
