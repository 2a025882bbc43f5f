package dev.hookbridge.json;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Stores HTTP headers (name to values) as a JSON object in a text column. */
@Converter
public class HeadersConverter implements AttributeConverter<Map<String, List<String>>, String> {

    @Override
    public String convertToDatabaseColumn(Map<String, List<String>> headers) {
        return Json.JSONB.toJson(headers == null ? Map.of() : headers);
    }

    @Override
    public Map<String, List<String>> convertToEntityAttribute(String json) {
        return json == null ? new LinkedHashMap<>()
                : Json.JSONB.fromJson(json, new LinkedHashMap<String, List<String>>() { }.getClass().getGenericSuperclass());
    }
}
