package dev.hookbridge.outbox;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per endpoint: at most {@code rateLimitPerSecond} attempts a second, with bursts of
 * up to one second's worth. It limits what one node sends; N nodes may send up to N times the rate.
 */
public final class EndpointRateLimiter {

    private final LongSupplier nanoClock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public EndpointRateLimiter(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Takes a token, or answers how long until one is there. */
    public Duration acquire(String endpointId, int ratePerSecond) {
        return buckets.computeIfAbsent(endpointId, id -> new Bucket(ratePerSecond, nanoClock.getAsLong()))
                .take(ratePerSecond, nanoClock.getAsLong());
    }

    private static final class Bucket {
        private double tokens;
        private long lastNanos;

        Bucket(int rate, long now) {
            this.tokens = rate;
            this.lastNanos = now;
        }

        synchronized Duration take(int rate, long now) {
            tokens = Math.min(rate, tokens + (now - lastNanos) / 1e9 * rate);
            lastNanos = now;
            if (tokens >= 1) {
                tokens -= 1;
                return Duration.ZERO;
            }
            return Duration.ofNanos((long) Math.ceil((1 - tokens) / rate * 1e9));
        }
    }
}
