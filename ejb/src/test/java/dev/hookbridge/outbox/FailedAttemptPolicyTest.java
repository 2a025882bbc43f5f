package dev.hookbridge.outbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FailedAttemptPolicyTest {

    private static final Instant AT = Instant.parse("2026-12-02T12:00:00Z");
    private static final String URL = "https://receiver.example/hooks";

    private final FailedAttemptPolicy policy = new FailedAttemptPolicy(RetrySchedule.parse("PT5S,PT5M"), Duration.ofDays(5), 3);
    private final Random random = new Random(42);

    @Test
    void aFailureIsRetriedWhileTheScheduleLasts() {
        assertThat(policy.retryDelay(1, status(500), random)).hasValueSatisfying(
                delay -> assertThat(delay).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(6)));
        assertThat(policy.retryDelay(2, noResponse(), random)).hasValueSatisfying(
                delay -> assertThat(delay).isBetween(Duration.ofMinutes(4), Duration.ofMinutes(6)));
    }

    @Test
    void theLastAllowedAttemptMakesTheDeliveryDead() {
        assertThat(policy.retryDelay(3, status(500), random)).isEmpty();
    }

    @Test
    void retryAfterIsHonouredWithinTheSchedule() {
        AttemptResult tooMany = new AttemptResult(AT, 429, 10, "", null, Optional.of(Duration.ofSeconds(60)));
        assertThat(policy.retryDelay(1, tooMany, random)).contains(Duration.ofSeconds(60));
    }

    @Test
    void goneIsDeadAtOnceAndDisablesTheEndpoint() {
        assertThat(policy.retryDelay(1, status(410), random)).isEmpty();
        assertThat(policy.disableReason(status(410), URL, AT)).contains("410 Gone from " + URL + " at " + AT);
    }

    @Test
    void anEndpointFailingLongerThanAllowedIsDisabled() {
        Instant since = AT.minus(Duration.ofDays(5)).minusSeconds(1);
        assertThat(policy.disableReason(status(500), URL, since)).contains("failing continuously since " + since);
        assertThat(policy.disableReason(status(500), URL, AT.minus(Duration.ofDays(5)))).isEmpty();
        assertThat(policy.disableReason(noResponse(), URL, AT)).isEmpty();
        assertThat(policy.disableReason(noResponse(), URL, null)).isEmpty();
    }

    @Test
    void aDeliveredAttemptIsNoFailure() {
        assertThatThrownBy(() -> policy.retryDelay(1, status(200), random)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLastErrorIsTheErrorOrElseTheStatus() {
        assertThat(status(500).lastError()).isEqualTo("HTTP 500");
        assertThat(noResponse().lastError()).isEqualTo("connection refused");
        AttemptResult cutShort = new AttemptResult(AT, 200, 10, "", "body cut short", Optional.empty());
        assertThat(cutShort.lastError()).isEqualTo("body cut short");
        assertThat(cutShort.describe()).isEqualTo("HTTP 200: body cut short");
    }

    private static AttemptResult status(int code) {
        return new AttemptResult(AT, code, 10, "", null, Optional.empty());
    }

    private static AttemptResult noResponse() {
        return new AttemptResult(AT, null, 10, null, "connection refused", Optional.empty());
    }

    @Test
    void exactlyTheFailureThatMakesTheRunLongEnoughStartsFailing() {
        assertThat(policy.startsFailing(2)).isFalse();
        assertThat(policy.startsFailing(3)).isTrue();
        assertThat(policy.startsFailing(4)).isFalse();
    }

    @Test
    void aSuccessEndsFailingOnlyAfterARunLongEnoughToHaveStartedIt() {
        assertThat(policy.endsFailing(2)).isFalse();
        assertThat(policy.endsFailing(3)).isTrue();
        assertThat(policy.endsFailing(40)).isTrue();
    }

    @Test
    void anEndpointFailsAfterAtLeastOneFailedAttempt() {
        assertThatThrownBy(() -> new FailedAttemptPolicy(RetrySchedule.parse("PT5S"), Duration.ofDays(5), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
