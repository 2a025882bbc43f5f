package dev.hookbridge.json;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.LinkedHashMap;
import java.util.Map;

/** Stores a string-to-string map (a source's scheme options) as a JSON object in a text column. */
@Converter
public class StringMapConverter implements AttributeConverter<Map<String, String>, String> {

    @Override
    public String convertToDatabaseColumn(Map<String, String> map) {
        return Json.JSONB.toJson(map == null ? Map.of() : map);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, String> convertToEntityAttribute(String json) {
        return json == null ? new LinkedHashMap<>()
                : Json.JSONB.fromJson(json, new LinkedHashMap<String, String>() { }.getClass().getGenericSuperclass());
    }
}
