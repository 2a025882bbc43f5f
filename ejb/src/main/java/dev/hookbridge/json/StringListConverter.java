package dev.hookbridge.json;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.ArrayList;
import java.util.List;

/** Stores a list of strings (a source's encrypted secrets) as a JSON array in a text column. */
@Converter
public class StringListConverter implements AttributeConverter<List<String>, String> {

    @Override
    public String convertToDatabaseColumn(List<String> list) {
        return Json.JSONB.toJson(list == null ? List.of() : list);
    }

    @Override
    public List<String> convertToEntityAttribute(String json) {
        return json == null ? new ArrayList<>()
                : Json.JSONB.fromJson(json, new ArrayList<String>() { }.getClass().getGenericSuperclass());
    }
}
