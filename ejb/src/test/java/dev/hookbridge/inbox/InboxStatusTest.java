package dev.hookbridge.inbox;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's status filter is checked by a pattern written out in an annotation, where it cannot be
 * computed from the enum: this keeps the pattern and its message in step with the statuses.
 */
class InboxStatusTest {

    private final Pattern filter = Pattern.compile(InboxStatus.PATTERN);

    @Test
    void thePatternTakesEveryStatusInAnyCaseAndBlankForNone() {
        for (InboxStatus status : InboxStatus.values()) {
            assertThat(filter.matcher(status.name()).matches()).as(status.name()).isTrue();
            assertThat(filter.matcher(status.name().toLowerCase()).matches()).as(status.name().toLowerCase()).isTrue();
        }
        assertThat(filter.matcher("").matches()).isTrue();
        assertThat(filter.matcher("  ").matches()).isTrue();
    }

    @Test
    void thePatternRefusesAnythingElse() {
        assertThat(filter.matcher("DELIVERED").matches()).isFalse();
        assertThat(filter.matcher("RECEIVEDX").matches()).isFalse();
        assertThat(filter.matcher("DEAD,PROCESSED").matches()).isFalse();
    }

    @Test
    void theRuleNamesEveryStatus() {
        assertThat(InboxStatus.RULE).isEqualTo("must be one of "
                + String.join(", ", Arrays.stream(InboxStatus.values()).map(Enum::name).toList()));
    }
}
