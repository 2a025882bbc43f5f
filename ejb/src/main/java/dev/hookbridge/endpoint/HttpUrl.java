package dev.hookbridge.endpoint;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.util.Locale;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;

/**
 * An endpoint's url: absolute http or https with a host, and no credentials in it (they would be
 * shown wherever the url is); null passes. Whether its host may be reached is the SSRF guard's
 * question, asked when the endpoint is saved.
 */
@Target({FIELD, METHOD, PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = HttpUrl.Check.class)
public @interface HttpUrl {

    String message() default "must be an absolute http or https URL with a host";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<HttpUrl, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            URI uri;
            try {
                uri = URI.create(value.trim());
            } catch (IllegalArgumentException e) {
                return false;
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                return false;
            }
            if (uri.getUserInfo() != null) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate("may not contain credentials; use headers instead")
                        .addConstraintViolation();
                return false;
            }
            return true;
        }
    }
}
