package dev.hookbridge.common;

/**
 * Keyset paging: items after a cursor, at most {@code limit} of them (1–500, default 50:
 * docs/api.md, "Lists and paging").
 */
public record PageRequest(String after, int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
    }

    public static PageRequest of(String after, Integer limit) {
        return new PageRequest(after, limit == null ? DEFAULT_LIMIT : limit);
    }

    /** The cursor as a row id; ids are positive numbers, so anything else is invalid input. */
    public long afterId() {
        if (after == null || after.isBlank()) {
            return 0;
        }
        try {
            long id = Long.parseLong(after);
            if (id < 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw new InvalidInputException("after", "after must be a cursor returned as 'next'");
        }
    }
}
