package dev.hookbridge.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads sums out of the Prometheus text a node serves at {@code /metrics}. */
final class PrometheusText {

    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+-?\\d+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    private PrometheusText() {
    }

    /**
     * The sum of the series of {@code name} whose labels include the given pairs ({@code "source",
     * "bench", ...}); 0 when there is none, as a counter not incremented yet has no series.
     */
    static double sum(String text, String name, String... labelPairs) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            wanted.put(labelPairs[i], labelPairs[i + 1]);
        }
        double total = 0;
        for (String line : text.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(trimmed);
            if (!m.matches() || !m.group(1).equals(name)) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
                }
            }
            if (labels.entrySet().containsAll(wanted.entrySet())) {
                total += Double.parseDouble(m.group(3));
            }
        }
        return total;
    }
}
