package dev.hookbridge.outbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryScheduleTest {

    private final RetrySchedule schedule = RetrySchedule.parse("PT5S,PT5M,PT30M,PT2H,PT5H,PT10H,PT10H");
    private final Random random = new Random(42);

    @Test
    void nDelaysMeanNPlusOneAttempts() {
        assertThat(schedule.maxAttempts()).isEqualTo(8);
        assertThat(schedule.delayAfter(7, Optional.empty(), random)).isPresent();
        assertThat(schedule.delayAfter(8, Optional.empty(), random)).isEmpty();
    }

    @Test
    void delaysFollowTheScheduleWithin20PercentJitter() {
        for (int i = 0; i < 200; i++) {
            Duration first = schedule.delayAfter(1, Optional.empty(), random).orElseThrow();
            Duration third = schedule.delayAfter(3, Optional.empty(), random).orElseThrow();
            assertThat(first).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(6));
            assertThat(third).isBetween(Duration.ofMinutes(24), Duration.ofMinutes(36));
        }
    }

    @Test
    void retryAfterIsHonouredWithinTheSchedulesBounds() {
        assertThat(schedule.delayAfter(1, Optional.of(Duration.ofSeconds(60)), random)).contains(Duration.ofSeconds(60));
        assertThat(schedule.delayAfter(1, Optional.of(Duration.ofSeconds(1)), random)).contains(Duration.ofSeconds(5));
        assertThat(schedule.delayAfter(1, Optional.of(Duration.ofDays(3)), random)).contains(Duration.ofHours(10));
    }

    @Test
    void refusesAnEmptyOrMalformedSchedule() {
        assertThatThrownBy(() -> RetrySchedule.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetrySchedule.parse("5s")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetrySchedule.parse("PT0S")).isInstanceOf(IllegalArgumentException.class);
    }
}
