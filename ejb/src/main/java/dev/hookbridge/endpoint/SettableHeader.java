package dev.hookbridge.endpoint;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import static java.lang.annotation.ElementType.TYPE_USE;

/** The name of a header an endpoint may have sent: an HTTP token, and none Hookbridge sets itself; null fails. */
@Target(TYPE_USE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = SettableHeader.Check.class)
public @interface SettableHeader {

    String message() default "may only name headers an endpoint may set (no Content-Type, Host, webhook-*, …)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<SettableHeader, String> {

        private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
        /** Headers Hookbridge sets itself; an endpoint may not override them. */
        private static final Set<String> RESERVED = Set.of("content-type", "content-length", "host",
                "webhook-id", "webhook-timestamp", "webhook-signature", "transfer-encoding", "connection");

        @Override
        public boolean isValid(String name, ConstraintValidatorContext context) {
            return name != null && TOKEN.matcher(name).matches() && !RESERVED.contains(name.toLowerCase(Locale.ROOT));
        }
    }
}
