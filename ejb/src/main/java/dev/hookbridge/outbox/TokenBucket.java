package dev.hookbridge.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The arithmetic of an endpoint's rate limit: a bucket of attempts that refills at
 * {@code ratePerSecond} up to one second's worth, so the endpoint gets at most its rate on average and
 * bursts of at most one second's worth. Where the bucket is kept is not its concern.
 */
public final class TokenBucket {

    /** What a take leaves: the tokens still in the bucket, and how long each delivery that got none waits. */
    public record Taken(int granted, double tokensLeft, List<Duration> waits) {
    }

    private TokenBucket() {
    }

    /** The tokens of a bucket that held {@code tokens} {@code elapsed} ago, refilled meanwhile. */
    public static double refilled(double tokens, Duration elapsed, int ratePerSecond) {
        double seconds = Math.max(0, elapsed.toNanos() / 1e9);
        return Math.min(ratePerSecond, tokens + seconds * ratePerSecond);
    }

    /**
     * Takes a token for each of {@code wanted} deliveries while whole tokens last. The others wait in
     * turn: the first until the bucket holds a whole token again, each next one a token's time later,
     * so they come back spread out at the rate rather than all at once.
     */
    public static Taken take(double tokens, int ratePerSecond, int wanted) {
        int granted = (int) Math.min(wanted, Math.floor(tokens));
        double left = tokens - granted;
        List<Duration> waits = new ArrayList<>(wanted - granted);
        for (int turn = 1; turn <= wanted - granted; turn++) {
            waits.add(Duration.ofNanos((long) Math.ceil((turn - left) / ratePerSecond * 1e9)));
        }
        return new Taken(granted, left, List.copyOf(waits));
    }
}
