package dev.hookbridge.common;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;

/** An event type as {@link TypeFilter} takes it: exact, or a prefix ending in {@code *}; null passes. */
@Target({FIELD, PARAMETER, TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = EventTypePattern.Check.class)
public @interface EventTypePattern {

    String message() default "must each be exact (order.created) or a prefix ending in * (order.*)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<EventTypePattern, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || TypeFilter.isValid(value);
        }
    }
}
