package dev.hookbridge.web.api;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import static java.lang.annotation.ElementType.PARAMETER;

/**
 * A query parameter holding an ISO-8601 UTC time such as 2026-01-31T12:00:00Z; absent or blank
 * passes. JAX-RS would answer a value it cannot convert with 404; docs/api.md wants 400.
 */
@Target(PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = IsoInstant.Check.class)
public @interface IsoInstant {

    String message() default "must be an ISO-8601 UTC time such as 2026-01-31T12:00:00Z";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Parses what {@link QueryValues#time} will parse. */
    class Check implements ConstraintValidator<IsoInstant, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || value.isBlank()) {
                return true;
            }
            try {
                Instant.parse(value.trim());
                return true;
            } catch (DateTimeParseException e) {
                return false;
            }
        }
    }
}
