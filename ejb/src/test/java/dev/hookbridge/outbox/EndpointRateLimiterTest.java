package dev.hookbridge.outbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointRateLimiterTest {

    private final AtomicLong now = new AtomicLong();
    private final EndpointRateLimiter limiter = new EndpointRateLimiter(now::get);

    @Test
    void allowsTheRateThenAsksToWait() {
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.acquire("ep", 5)).isZero();
        }
        Duration wait = limiter.acquire("ep", 5);
        assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMillis(200));

        now.addAndGet(Duration.ofMillis(200).toNanos());
        assertThat(limiter.acquire("ep", 5)).isZero();
    }

    @Test
    void endpointsHaveTheirOwnBuckets() {
        assertThat(limiter.acquire("a", 1)).isZero();
        assertThat(limiter.acquire("a", 1)).isPositive();
        assertThat(limiter.acquire("b", 1)).isZero();
    }
}
