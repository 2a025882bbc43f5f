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
    private final int failingAfter;

    /**
     * @param failingAfter failed attempts in a row after which an endpoint counts as failing (the
     *                     operational event {@code endpoint.failing})
     */
    public FailedAttemptPolicy(RetrySchedule schedule, Duration disableAfterFailing, int failingAfter) {
        if (failingAfter < 1) {
            throw new IllegalArgumentException("an endpoint fails after at least 1 failed attempt, not " + failingAfter);
        }
        this.schedule = schedule;
        this.disableAfterFailing = disableAfterFailing;
        this.failingAfter = failingAfter;
    }

    /**
     * Whether the failure that made {@code consecutiveFailures} in a row is the one that makes the
     * endpoint failing. Runs only grow by one and a success resets them, so exactly one failure of a
     * run answers true.
     */
    public boolean startsFailing(int consecutiveFailures) {
        return consecutiveFailures == failingAfter;
    }

    /** Whether a success that ended a run of {@code failuresEnded} failures ends a failing endpoint's run. */
    public boolean endsFailing(int failuresEnded) {
        return failuresEnded >= failingAfter;
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
