package dev.hookbridge.web.api;

import dev.hookbridge.common.PageRequest;

import java.time.Duration;
import java.time.Instant;

/**
 * Turns query parameters that their constraints ({@link PageLimit}, {@link IsoInstant},
 * {@link IsoDuration}) have already checked into values; absent or blank is null.
 */
final class QueryValues {

    private QueryValues() {
    }

    static PageRequest page(String after, String limit) {
        return PageRequest.of(after, blank(limit) ? null : Integer.valueOf(limit.trim()));
    }

    static Instant time(String value) {
        return blank(value) ? null : Instant.parse(value.trim());
    }

    static Duration duration(String value) {
        return blank(value) ? null : Duration.parse(value.trim());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
