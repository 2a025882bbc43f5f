package dev.hookbridge.web.api;

import dev.hookbridge.common.InvalidInputException;
import dev.hookbridge.common.PageRequest;

/** Parses list query parameters; a query parameter JAX-RS cannot convert would be a 404, the contract wants 400. */
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
}
