package dev.hookbridge.it.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test WildFly's management interface as ops and their tools see it: health answers and the
 * Prometheus text at {@code /metrics}, read anonymously (docs/operations.md, "Health" and "Metrics").
 */
public final class Management {

    private Management() {
    }

    public static String baseUrl() {
        return "http://localhost:" + TestStack.get().ports().management();
    }

    public static Reply get(String path) {
        return Http.anonymous().at(baseUrl()).get(path);
    }

    /** One scrape of {@code /metrics}. */
    public static Scrape scrape() {
        Reply reply = get("/metrics");
        if (reply.status() != 200) {
            throw new AssertionError("/metrics answered " + reply);
        }
        return Scrape.parse(reply.body());
    }

    /** The samples of one scrape: {@code name{label="value",...} number} lines. */
    public record Scrape(String text, Map<Sample, Double> samples) {

        private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\d+)?$");
        private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

        public record Sample(String name, Map<String, String> labels) {
        }

        static Scrape parse(String text) {
            Map<Sample, Double> samples = new LinkedHashMap<>();
            for (String line : text.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                Matcher m = LINE.matcher(line.trim());
                if (!m.matches()) {
                    throw new AssertionError("not a Prometheus sample line: " + line);
                }
                Map<String, String> labels = new LinkedHashMap<>();
                if (m.group(2) != null) {
                    Matcher l = LABEL.matcher(m.group(2));
                    while (l.find()) {
                        labels.put(l.group(1), l.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
                    }
                }
                samples.put(new Sample(m.group(1), labels), parseValue(m.group(3)));
            }
            return new Scrape(text, samples);
        }

        private static double parseValue(String value) {
            return switch (value) {
                case "NaN" -> Double.NaN;
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(value);
            };
        }

        /**
         * The sum of the series of this name whose labels include the given ones ({@code "source", "x",
         * "reason", "y"}); 0 when there is none (a counter not yet incremented has no series).
         */
        public double value(String name, String... labelPairs) {
            return matching(name, labelPairs).values().stream().mapToDouble(Double::doubleValue).sum();
        }

        /** Whether a series of this name with these labels is present. */
        public boolean has(String name, String... labelPairs) {
            return !matching(name, labelPairs).isEmpty();
        }

        public Map<Sample, Double> matching(String name, String... labelPairs) {
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
}
