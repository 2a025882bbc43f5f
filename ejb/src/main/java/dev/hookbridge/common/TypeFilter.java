package dev.hookbridge.common;

/**
 * A {@code type} filter of a list, in the one form every list takes and endpoints' {@code eventTypes}
 * take too: an exact event type ({@code order.created}) or a prefix ending in {@code *}
 * ({@code order.*}, {@code *} for all).
 */
public record TypeFilter(String text) {

    public TypeFilter {
        if (!isValid(text)) {
            throw new InvalidInputException("type", "type is an exact event type (order.created) or a prefix ending in * (order.*)");
        }
    }

    /** Whether the text is an exact event type or a prefix ending in {@code *}. */
    public static boolean isValid(String text) {
        return text != null && !text.isBlank() && (text.indexOf('*') < 0 || text.indexOf('*') == text.length() - 1);
    }

    /** The filter, or null when none was given. */
    public static TypeFilter parse(String text) {
        return text == null || text.isBlank() ? null : new TypeFilter(text);
    }

    public boolean isPrefix() {
        return text.endsWith("*");
    }

    /** For {@code like … escape '!'}: the prefix (its own wildcards escaped) then {@code %}. */
    public String likePattern() {
        String prefix = text.substring(0, text.length() - 1);
        return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }
}
