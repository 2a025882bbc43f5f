package dev.hookbridge.web.api;

import dev.hookbridge.common.PageRequest;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import static java.lang.annotation.ElementType.PARAMETER;

/**
 * The {@code limit} query parameter of a list: a whole number from 1 to {@value PageRequest#MAX_LIMIT}
 * (docs/api.md, "Lists and paging"); absent or blank passes. Taken as text: JAX-RS would answer a
 * value that is no number with 404, the contract wants 400.
 */
@Target(PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PageLimit.Check.class)
public @interface PageLimit {

    String message() default "must be a whole number between 1 and " + PageRequest.MAX_LIMIT;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<PageLimit, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || value.isBlank()) {
                return true;
            }
            try {
                int limit = Integer.parseInt(value.trim());
                return limit >= 1 && limit <= PageRequest.MAX_LIMIT;
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }
}
