package dev.hookbridge.signature;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;

/** The name of a signature scheme Hookbridge knows ({@link SignatureSchemes#names()}); null passes. */
@Target({FIELD, METHOD, PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = KnownScheme.Check.class)
public @interface KnownScheme {

    /** Replaced by the list of names when a value is refused. */
    String message() default "must be a known signature scheme";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<KnownScheme, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || SignatureSchemes.names().contains(value)) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate("must be one of " + SignatureSchemes.names()).addConstraintViolation();
            return false;
        }
    }
}
