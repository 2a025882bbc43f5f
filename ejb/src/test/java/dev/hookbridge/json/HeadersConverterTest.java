package dev.hookbridge.json;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HeadersConverterTest {

    private final HeadersConverter converter = new HeadersConverter();

    @Test
    void headersSurviveTheRoundTripWithTheirOrderRepeatedValuesAndAwkwardCharacters() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("webhook-id", List.of("msg_1"));
        headers.put("x-forwarded-for", List.of("10.0.0.1", "10.0.0.2"));
        headers.put("x-quote", List.of("a \"quoted\" value with a \\ backslash"));
        headers.put("x-unicode", List.of("grüße ✓"));
        headers.put("x-empty", List.of(""));

        String json = converter.convertToDatabaseColumn(headers);
        Map<String, List<String>> read = converter.convertToEntityAttribute(json);

        assertThat(read).containsExactlyEntriesOf(headers);
        assertThat(json).startsWith("{\"webhook-id\":[\"msg_1\"],\"x-forwarded-for\":[\"10.0.0.1\",\"10.0.0.2\"]");
    }

    @Test
    void noHeadersAreAnEmptyObjectAndANullColumnIsNoHeaders() {
        assertThat(converter.convertToDatabaseColumn(null)).isEqualTo("{}");
        assertThat(converter.convertToDatabaseColumn(Map.of())).isEqualTo("{}");
        assertThat(converter.convertToEntityAttribute(null)).isEmpty();
        assertThat(converter.convertToEntityAttribute("{}")).isEmpty();
    }

    @Test
    void whatJsonBWroteBeforeIsReadTheSame() {
        // Rows stored before this converter used JSON-P were written by JSON-B: the same JSON shape.
        assertThat(converter.convertToEntityAttribute("{\"a\":[\"1\",\"2\"],\"b\":[]}"))
                .isEqualTo(Map.of("a", List.of("1", "2"), "b", List.of()));
    }
}
