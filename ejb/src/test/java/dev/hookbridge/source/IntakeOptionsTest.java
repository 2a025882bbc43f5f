package dev.hookbridge.source;

import dev.hookbridge.common.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntakeOptionsTest {

    @Test
    void acceptsJsonAndFormsByDefaultIgnoringParametersAndCase() {
        IntakeOptions options = IntakeOptions.from(null, null, 1024);
        assertThat(options.accepts("application/json")).isTrue();
        assertThat(options.accepts("Application/JSON; charset=utf-8")).isTrue();
        assertThat(options.accepts("application/x-www-form-urlencoded")).isTrue();
        assertThat(options.accepts("text/plain")).isFalse();
        assertThat(options.accepts(null)).isFalse();
        assertThat(options.maxBodyBytes()).isEqualTo(1024);
    }

    @Test
    void aSourceMayNarrowTheMediaTypesAndLowerButNotRaiseTheLimit() {
        IntakeOptions options = IntakeOptions.from("application/json, text/*", "100", 1024);
        assertThat(options.accepts("text/plain")).isTrue();
        assertThat(options.accepts("application/x-www-form-urlencoded")).isFalse();
        assertThat(options.maxBodyBytes()).isEqualTo(100);
        assertThat(IntakeOptions.from(null, "999999", 1024).maxBodyBytes()).isEqualTo(1024);
    }

    @Test
    void invalidOptionsNameTheOptionsField() {
        assertThatThrownBy(() -> IntakeOptions.validate("json", null))
                .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("options");
        assertThatThrownBy(() -> IntakeOptions.validate(null, "-1"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("maxBodyBytes");
    }
}
