package dev.hookbridge.outbox;

import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try a failed delivery again: N configured delays mean N+1 attempts. Each delay is
 * spread by ±20 % so that receivers coming back are not hit by every retry at once; a receiver's
 * Retry-After (429/503) is honoured but kept within the schedule's shortest and longest delay.
 */
public final class RetrySchedule {

    private static final double JITTER = 0.2;

    private final List<Duration> delays;

    public RetrySchedule(List<Duration> delays) {
        if (delays.isEmpty() || delays.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("hookbridge.delivery.retry-schedule needs at least one positive delay");
        }
        this.delays = List.copyOf(delays);
    }

    /** Parses "PT5S,PT5M,…" (ISO-8601 durations, comma-separated). */
    public static RetrySchedule parse(String text) {
        try {
            return new RetrySchedule(Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .map(Duration::parse).toList());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("hookbridge.delivery.retry-schedule is not a list of ISO-8601 durations: " + text, e);
        }
    }

    public int maxAttempts() {
        return delays.size() + 1;
    }

    /**
     * The wait before the next attempt after {@code attemptsMade} failed attempts, or empty when
     * that was the last allowed attempt.
     */
    public Optional<Duration> delayAfter(int attemptsMade, Optional<Duration> retryAfter, RandomGenerator random) {
        if (attemptsMade < 1 || attemptsMade > delays.size()) {
            return Optional.empty();
        }
        if (retryAfter.isPresent()) {
            Duration shortest = delays.stream().min(Comparator.naturalOrder()).orElseThrow();
            Duration longest = delays.stream().max(Comparator.naturalOrder()).orElseThrow();
            Duration wanted = retryAfter.get();
            return Optional.of(wanted.compareTo(shortest) < 0 ? shortest : wanted.compareTo(longest) > 0 ? longest : wanted);
        }
        Duration base = delays.get(attemptsMade - 1);
        double factor = 1 + (random.nextDouble() * 2 - 1) * JITTER;
        return Optional.of(Duration.ofMillis(Math.round(base.toMillis() * factor)));
    }
}
