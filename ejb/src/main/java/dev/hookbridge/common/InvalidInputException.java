package dev.hookbridge.common;

import jakarta.ejb.ApplicationException;

/** Input that breaks a rule; names the offending field so the API can answer 400 with it. */
@ApplicationException(rollback = true)
public class InvalidInputException extends RuntimeException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
