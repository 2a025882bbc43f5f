package dev.hookbridge.json;

import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores HTTP headers (name to values) as a JSON object in a text column. Written and read with
 * JSON-P's streaming generator and reader rather than JSON-B: the headers of every accepted webhook
 * pass through here, and JSON-B's reflective mapping of a generic map stood out in the intake's CPU
 * profile (docs/results/benchmark-2026-12-02.md, "Per-event work of intake and processing").
 */
@Converter
public class HeadersConverter implements AttributeConverter<Map<String, List<String>>, String> {

    @Override
    public String convertToDatabaseColumn(Map<String, List<String>> headers) {
        return toJson(headers);
    }

    @Override
    public Map<String, List<String>> convertToEntityAttribute(String json) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (json == null) {
            return headers;
        }
        try (JsonReader reader = JsonProcessing.PROVIDER.createReader(new StringReader(json))) {
            for (Map.Entry<String, JsonValue> header : reader.readObject().entrySet()) {
                headers.put(header.getKey(), header.getValue().asJsonArray().getValuesAs(JsonString::getString));
            }
        }
        return headers;
    }

    /** The column's JSON for these headers; {@code {}} for none. */
    public static String toJson(Map<String, List<String>> headers) {
        StringWriter json = new StringWriter();
        try (JsonGenerator generator = JsonProcessing.PROVIDER.createGenerator(json)) {
            generator.writeStartObject();
            if (headers != null) {
                headers.forEach((name, values) -> {
                    generator.writeStartArray(name);
                    values.forEach(generator::write);
                    generator.writeEnd();
                });
            }
            generator.writeEnd();
        }
        return json.toString();
    }
}
