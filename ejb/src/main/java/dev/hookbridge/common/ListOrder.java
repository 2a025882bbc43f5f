package dev.hookbridge.common;

import java.util.Locale;

/**
 * The order of a list that people read for what just happened (the inbox, deliveries): newest first
 * unless {@code order=oldest} is asked for. The {@code next} cursor continues in the same order.
 */
public enum ListOrder {
    NEWEST_FIRST, OLDEST_FIRST;

    /** An {@code order} as the API takes it: {@code newest}, {@code oldest}, in any case, or blank. */
    public static final String PATTERN = "(?i)\\s*(newest|oldest)?\\s*";
    public static final String RULE = "must be newest (the default) or oldest";

    /** {@code newest} (the default when absent) or {@code oldest}; anything else is a caller's bug. */
    public static ListOrder parse(String text) {
        if (text == null || text.isBlank()) {
            return NEWEST_FIRST;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "newest" -> NEWEST_FIRST;
            case "oldest" -> OLDEST_FIRST;
            default -> throw new IllegalArgumentException("order " + RULE + ", not '" + text + "'");
        };
    }

    /** How an id continues after the cursor: {@code >} oldest first, {@code <} newest first. */
    public String comparison() {
        return this == OLDEST_FIRST ? ">" : "<";
    }

    /** The cursor's id to compare with; without a cursor, one before the first id in this order. */
    public long bound(long afterId) {
        return afterId != 0 || this == OLDEST_FIRST ? afterId : Long.MAX_VALUE;
    }

    /** The SQL sort direction of the ids. */
    public String direction() {
        return this == OLDEST_FIRST ? "asc" : "desc";
    }
}
