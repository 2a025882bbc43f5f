package dev.hookbridge.testsupport;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of the Prometheus text a node serves at {@code /metrics} (the text exposition format):
 * its samples, and the sum of the series of a name whose labels include given ones.
 *
 * <p>Strict: a line that is neither blank, a comment nor a readable sample fails the parse, and so
 * does a series that appears twice. A gateway serving such text has a defect the system tests must
 * fail on, and a benchmark that skipped a sample would count less than the node did.
 *
 * <pre>
 * double accepted = PrometheusText.parse(body).sum("hookbridge_inbound_accepted_total", "source", "bench");
 * </pre>
 */
public final class PrometheusText {

    /** Name, labels in braces if any, value, and a timestamp in ms if any (negative before 1970, as the format allows). */
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+-?\\d+)?");
    /** One {@code name="value"} of a label block, then the comma before the next one or the end of the block. */
    private static final Pattern LABEL = Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*(?:,|$)");

    private final String text;
    private final Map<Sample, Double> samples;

    private PrometheusText(String text, Map<Sample, Double> samples) {
        this.text = text;
        this.samples = Collections.unmodifiableMap(samples);
    }

    /** A series: the metric name and its labels. */
    public record Sample(String name, Map<String, String> labels) {
    }

    /**
     * Reads every sample of the text.
     *
     * @throws IllegalArgumentException naming the line, when a line is not blank, a comment or a
     *         sample, or repeats a series
     */
    public static PrometheusText parse(String text) {
        Map<Sample, Double> samples = new LinkedHashMap<>();
        int number = 0;
        for (String line : (Iterable<String>) text.lines()::iterator) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            try {
                Matcher sample = SAMPLE.matcher(trimmed);
                if (!sample.matches()) {
                    throw new IllegalArgumentException("not name{labels} value [timestamp]");
                }
                Sample series = new Sample(sample.group(1), sample.group(2) == null ? Map.of() : labels(sample.group(2)));
                if (samples.put(series, value(sample.group(3))) != null) {
                    throw new IllegalArgumentException("a series already read");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + number + " of the Prometheus text is not a valid sample (" + e.getMessage() + "): " + line, e);
            }
        }
        return new PrometheusText(text, samples);
    }

    private static Map<String, String> labels(String block) {
        Map<String, String> labels = new LinkedHashMap<>();
        Matcher label = LABEL.matcher(block);
        int at = 0;
        while (!block.substring(at).isBlank()) {
            if (!label.region(at, block.length()).lookingAt()) {
                throw new IllegalArgumentException("unreadable labels from \"" + block.substring(at) + "\"");
            }
            if (labels.put(label.group(1), unescape(label.group(2))) != null) {
                throw new IllegalArgumentException("label " + label.group(1) + " twice");
            }
            at = label.end();
        }
        return Collections.unmodifiableMap(labels);
    }

    /** A label value as written, with its escapes ({@code \\}, {@code \"}, {@code \n}) undone. */
    private static String unescape(String written) {
        StringBuilder value = new StringBuilder(written.length());
        for (int i = 0; i < written.length(); i++) {
            char c = written.charAt(i);
            if (c == '\\') {
                // The label pattern only matches a backslash followed by the character it escapes.
                char escaped = written.charAt(++i);
                value.append(escaped == 'n' ? '\n' : escaped);
            } else {
                value.append(c);
            }
        }
        return value.toString();
    }

    private static double value(String written) {
        return switch (written) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(written);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("the value " + written + " is not a number", e);
                }
            }
        };
    }

    /** The text as served. */
    public String text() {
        return text;
    }

    /** Every sample, in the order of the text. */
    public Map<Sample, Double> samples() {
        return samples;
    }

    /**
     * The sum of the series of {@code name} whose labels include the given pairs ({@code "source",
     * "bench", "duplicate", "false"}); 0 when there is none, as a counter not incremented yet has no series.
     */
    public double sum(String name, String... labelPairs) {
        return matching(name, labelPairs).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Whether a series of {@code name} whose labels include the given pairs is present. */
    public boolean has(String name, String... labelPairs) {
        return !matching(name, labelPairs).isEmpty();
    }

    /** The series of {@code name} whose labels include the given pairs, with their values. */
    public Map<Sample, Double> matching(String name, String... labelPairs) {
        if (labelPairs.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name, value pairs: " + String.join(", ", labelPairs));
        }
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            wanted.put(labelPairs[i], labelPairs[i + 1]);
        }
        Map<Sample, Double> found = new LinkedHashMap<>();
        samples.forEach((sample, value) -> {
            if (sample.name().equals(name) && sample.labels().entrySet().containsAll(wanted.entrySet())) {
                found.put(sample, value);
            }
        });
        return found;
    }
}
