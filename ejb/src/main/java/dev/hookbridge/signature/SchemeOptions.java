package dev.hookbridge.signature;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** A scheme's options as configured on a source, refusing names the scheme does not know. */
final class SchemeOptions {

    private final String scheme;
    private final Map<String, String> values;

    SchemeOptions(String scheme, Map<String, String> values, Set<String> known) {
        this.scheme = scheme;
        this.values = values == null ? Map.of() : values;
        for (String name : this.values.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option '" + name + "' for scheme '" + scheme
                        + "'" + (known.isEmpty() ? " (it takes none)" : " (known: " + new TreeSet<>(known) + ")"));
            }
        }
    }

    /** Refuses any option for a scheme that takes none. */
    static void requireNone(String scheme, Map<String, String> values) {
        new SchemeOptions(scheme, values, Set.of());
    }

    /** The stripped value, or empty when the option is absent or blank. */
    Optional<String> optional(String name) {
        return Optional.ofNullable(values.get(name)).map(String::strip).filter(value -> !value.isEmpty());
    }

    String required(String name) {
        return optional(name).orElseThrow(() -> new IllegalArgumentException(
                "scheme '" + scheme + "' needs option '" + name + "'"));
    }

    /** The option set from a pair that are alternatives; naming both is refused. */
    Optional<Map.Entry<String, String>> oneOf(String first, String second) {
        Optional<String> a = optional(first);
        Optional<String> b = optional(second);
        if (a.isPresent() && b.isPresent()) {
            throw new IllegalArgumentException(
                    "options '" + first + "' and '" + second + "' exclude each other; set only one");
        }
        return a.map(value -> Map.entry(first, value)).or(() -> b.map(value -> Map.entry(second, value)));
    }
}
