package dev.hookbridge.source;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class SourceDefinitionConstraintsTest {

    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();
    private static final String SECRET = "a-secret-long-enough-for-github";

    @Test
    void aWholeDefinitionBreaksNoConstraint() {
        assertThat(VALIDATOR.validate(new SourceDefinition("github", List.of(SECRET), 300, "/id", Map.of()))).isEmpty();
        assertThat(VALIDATOR.validate(new SourceDefinition("stripe", List.of(SECRET), null, null, null))).isEmpty();
    }

    @Test
    void eachBrokenRuleNamesItsField() {
        assertThat(broken(new SourceDefinition(null, List.of(SECRET), null, null, null))).containsExactly("scheme is required");
        assertThat(broken(new SourceDefinition("paypal", List.of(SECRET), null, null, null)))
                .singleElement().asString().startsWith("scheme must be one of");
        assertThat(broken(new SourceDefinition("github", null, null, null, null))).containsExactly("secrets must hold at least one secret");
        assertThat(broken(new SourceDefinition("github", List.of(), null, null, null))).containsExactly("secrets must hold at least one secret");
        assertThat(broken(new SourceDefinition("github", Arrays.asList(SECRET, " "), null, null, null)))
                .containsExactly("secrets may not hold an empty secret");
        assertThat(broken(new SourceDefinition("github", java.util.Collections.nCopies(11, SECRET), null, null, null)))
                .containsExactly("secrets may hold at most 10 active secrets");
        assertThat(broken(new SourceDefinition("github", List.of(SECRET), 0, null, null)))
                .containsExactly("toleranceSeconds must be between 1 and 86400");
        assertThat(broken(new SourceDefinition("github", List.of(SECRET), 86_401, null, null)))
                .containsExactly("toleranceSeconds must be between 1 and 86400");
    }

    @Test
    void namesFollowThePathSegmentRule() {
        assertThat("demo-1.a_b".matches(SourceDefinition.NAME_PATTERN)).isTrue();
        assertThat("Bad Name".matches(SourceDefinition.NAME_PATTERN)).isFalse();
        assertThat("-starts-with-dash".matches(SourceDefinition.NAME_PATTERN)).isFalse();
        assertThat("a".repeat(101).matches(SourceDefinition.NAME_PATTERN)).isFalse();
    }

    /** Each violation as "field message", the field being the first node of its path. */
    static Set<String> broken(Object value) {
        return VALIDATOR.validate(value).stream().map(SourceDefinitionConstraintsTest::describe).collect(Collectors.toSet());
    }

    private static String describe(ConstraintViolation<?> violation) {
        return violation.getPropertyPath().iterator().next().getName() + " " + violation.getMessage();
    }
}
