package dev.hookbridge.common;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks input that comes from configuration rather than a request against its constraints, which
 * the API has checked by the time a request's input reaches a service; a broken rule fails the
 * start-up, naming the setting and the field.
 */
public final class ConfiguredInput {

    private ConfiguredInput() {
    }

    public static <T> T requireValid(Validator validator, T value, String setting) {
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            String broken = violations.stream().map(v -> v.getPropertyPath() + " " + v.getMessage())
                    .sorted().collect(Collectors.joining("; "));
            throw new ConstraintViolationException(setting + ": " + broken, violations);
        }
        return value;
    }
}
