package dev.hookbridge.benchmark;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The run's figures: printed as Markdown tables as they come, and kept as one JSON document. */
final class Report {

    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final StringBuilder text = new StringBuilder();

    void put(String key, Object value) {
        figures.put(key, value);
    }

    /** A Markdown table, printed at once and kept for the final print. */
    void table(String title, List<String> header, List<List<String>> rows) {
        StringBuilder t = new StringBuilder("\n### ").append(title).append("\n\n");
        t.append("| ").append(String.join(" | ", header)).append(" |\n");
        t.append("|").append(String.join("|", Collections.nCopies(header.size(), "---"))).append("|\n");
        for (List<String> row : rows) {
            t.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        text.append(t);
        System.out.print(t);
        System.out.flush();
    }

    void note(String line) {
        text.append(line).append('\n');
        System.out.println(line);
    }

    String text() {
        return text.toString();
    }

    void write(Path json, Path markdown) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        JsonObject object = Json.createObjectBuilder((Map) figures).build();
        JsonWriterFactory writers = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));
        StringWriter out = new StringWriter();
        writers.createWriter(out).write(object);
        try {
            Files.createDirectories(json.getParent());
            Files.writeString(json, out.toString());
            Files.writeString(markdown, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(cell instanceof Double d ? format(d) : String.valueOf(cell));
        }
        return row;
    }

    static String format(double value) {
        if (Math.abs(value) >= 100) {
            return String.format("%,.0f", value);
        }
        if (Math.abs(value) >= 10) {
            return String.format("%.1f", value);
        }
        return String.format("%.2f", value);
    }
}
