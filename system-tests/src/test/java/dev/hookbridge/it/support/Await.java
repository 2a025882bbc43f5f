package dev.hookbridge.it.support;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls until a condition holds, with a generous limit: tests wait for outcomes, they never time them. */
public final class Await {

    public static final Duration DEFAULT = Duration.ofSeconds(60);

    private Await() {
    }

    public static <T> T until(String what, Supplier<T> probe, Predicate<T> done) {
        return until(what, DEFAULT, probe, done);
    }

    public static <T> T until(String what, Duration limit, Supplier<T> probe, Predicate<T> done) {
        Instant deadline = Instant.now().plus(limit);
        T last = probe.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("gave up waiting after " + limit + " for " + what + "; last seen: " + last);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
            last = probe.get();
        }
        return last;
    }
}
