package dev.hookbridge.outbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketTest {

    @Test
    void grantsWholeTokensAndSpreadsTheRestOutAtTheRate() {
        TokenBucket.Taken taken = TokenBucket.take(2.5, 10, 5);

        assertThat(taken.granted()).isEqualTo(2);
        assertThat(taken.tokensLeft()).isEqualTo(0.5);
        // Half a token is there: the first of the rest waits for the other half (50 ms at 10/s), each next one 100 ms more.
        assertThat(taken.waits()).containsExactly(Duration.ofMillis(50), Duration.ofMillis(150), Duration.ofMillis(250));
    }

    @Test
    void grantsNoMoreThanWanted() {
        TokenBucket.Taken taken = TokenBucket.take(10, 10, 3);

        assertThat(taken.granted()).isEqualTo(3);
        assertThat(taken.tokensLeft()).isEqualTo(7);
        assertThat(taken.waits()).isEmpty();
    }

    @Test
    void anEmptyBucketGrantsNothing() {
        TokenBucket.Taken taken = TokenBucket.take(0, 4, 2);

        assertThat(taken.granted()).isZero();
        assertThat(taken.waits()).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500));
    }

    @Test
    void refillsAtTheRateUpToOneSecondsWorth() {
        assertThat(TokenBucket.refilled(0, Duration.ofMillis(300), 10)).isEqualTo(3.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(TokenBucket.refilled(8, Duration.ofSeconds(5), 10)).isEqualTo(10);
        assertThat(TokenBucket.refilled(4, Duration.ofMillis(-5), 10)).isEqualTo(4);
    }
}
