package dev.hookbridge.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * What a failed attempt leads to (docs/outbound.md, "Retries, dead deliveries, disabled endpoints"):
 * another attempt after the retry schedule's delay, or DEAD once the schedule is spent or the receiver
 * answered 410 Gone; and whether its endpoint is disabled, on a 410 or once it has failed continuously
 * for longer than allowed.
 */
public final class FailedAttemptPolicy {

    private final RetrySchedule schedule;
    private final Duration disableAfterFailing;

    public FailedAttemptPolicy(RetrySchedule schedule, Duration disableAfterFailing) {
        this.schedule = schedule;
        this.disableAfterFailing = disableAfterFailing;
    }

    /** The wait before the next attempt after {@code attemptsMade} attempts; empty: the delivery is DEAD. */
    public Optional<Duration> retryDelay(int attemptsMade, AttemptResult result, RandomGenerator random) {
        if (result.delivered()) {
            throw new IllegalArgumentException("the attempt delivered: nothing to retry");
        }
        return result.gone() ? Optional.empty() : schedule.delayAfter(attemptsMade, result.retryAfter(), random);
    }

    /**
     * Why the endpoint is disabled after this failed attempt, if it is: {@code failingSince} is when
     * its current run of failures began (this attempt counted), {@code url} where it was sent.
     */
    public Optional<String> disableReason(AttemptResult result, String url, Instant failingSince) {
        if (result.gone()) {
            return Optional.of("410 Gone from " + url + " at " + result.attemptedAt());
        }
        if (failingSince != null && Duration.between(failingSince, result.attemptedAt()).compareTo(disableAfterFailing) > 0) {
            return Optional.of("failing continuously since " + failingSince);
        }
        return Optional.empty();
    }
}
