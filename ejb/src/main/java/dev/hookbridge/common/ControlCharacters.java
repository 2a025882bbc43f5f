package dev.hookbridge.common;

/**
 * Finds control characters (CR, LF, NUL, and the rest of Unicode's Cc category) in identifiers that
 * come from outside: in a log line a CR or LF forges a line of its own, and PostgreSQL text cannot
 * hold a NUL.
 */
public final class ControlCharacters {

    private ControlCharacters() {
    }

    public static boolean in(String text) {
        return text != null && text.chars().anyMatch(Character::isISOControl);
    }

    /** Refuses a value holding a control character with 400, naming the field. */
    public static void refuseIn(String field, String value) {
        if (in(value)) {
            throw new InvalidInputException(field, field + " must not contain control characters (CR, LF, NUL, …)");
        }
    }
}
