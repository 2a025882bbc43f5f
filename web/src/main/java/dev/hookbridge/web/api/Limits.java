package dev.hookbridge.web.api;

import dev.hookbridge.common.InvalidInputException;
import dev.hookbridge.common.PageRequest;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Parses list and time query parameters; a query parameter JAX-RS cannot convert would be a 404, the contract wants 400. */
final class Limits {

    private Limits() {
    }

    static PageRequest page(String after, String limit) {
        if (limit == null || limit.isBlank()) {
            return PageRequest.of(after, null);
        }
        try {
            return PageRequest.of(after, Integer.parseInt(limit.trim()));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("limit", "limit must be a whole number between 1 and " + PageRequest.MAX_LIMIT);
        }
    }

    /** An optional ISO-8601 UTC time such as 2026-01-31T12:00:00Z; null when absent. */
    static Instant time(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, field + " must be an ISO-8601 UTC time such as 2026-01-31T12:00:00Z");
        }
    }

    /** An optional ISO-8601 duration such as PT1H; null when absent. */
    static Duration duration(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, field + " must be an ISO-8601 duration such as PT1H or P1D");
        }
    }
}
