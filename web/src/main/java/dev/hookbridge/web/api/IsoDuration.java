package dev.hookbridge.web.api;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.time.format.DateTimeParseException;

import static java.lang.annotation.ElementType.PARAMETER;

/** A query parameter holding an ISO-8601 duration such as PT1H; absent or blank passes. */
@Target(PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = IsoDuration.Check.class)
public @interface IsoDuration {

    String message() default "must be an ISO-8601 duration such as PT1H or P1D";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Parses what {@link QueryValues#duration} will parse. */
    class Check implements ConstraintValidator<IsoDuration, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || value.isBlank()) {
                return true;
            }
            try {
                Duration.parse(value.trim());
                return true;
            } catch (DateTimeParseException e) {
                return false;
            }
        }
    }
}
