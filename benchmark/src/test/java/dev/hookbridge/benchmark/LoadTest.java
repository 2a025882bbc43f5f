package dev.hookbridge.benchmark;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** The load generator against a stand-in server that serves one request at a time in 20 ms. */
class LoadTest {

    private final ExecutorService oneAtATime = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        oneAtATime.shutdownNow();
    }

    private boolean serve() {
        Database.sleep(20);
        return true;
    }

    @Test
    void openLoopCountsLatencyFromTheDueTimeSoQueueingShows() {
        // 100/s offered to a server that manages 50/s: the queue grows by 50 per second, so late
        // requests wait hundreds of milliseconds although each is served in 20 ms.
        LoadResult result = Load.open("test", 100, Duration.ofSeconds(1), Duration.ofSeconds(10),
                seq -> CompletableFuture.supplyAsync(this::serve, oneAtATime));

        assertThat(result.count()).isEqualTo(100);
        assertThat(result.errors()).isZero();
        assertThat(result.millis(50)).isGreaterThan(300);
        assertThat(result.millis(99)).isGreaterThan(800);
    }

    @Test
    void closedLoopMeasuresServiceTimeAndCountsOnlyTheMeasuredWindow() {
        LoadResult result = Load.closed("test", 1, Duration.ofMillis(300), Duration.ofSeconds(1), seq -> serve());

        assertThat(result.millis(50)).isBetween(19.0, 60.0);
        // About 1 s / 20 ms = 50 requests in the window, none of the warm-up's.
        assertThat(result.count()).isBetween(15L, 51L);
        assertThat(result.perSecond()).isEqualTo(result.count() / 1.0);
    }

    @Test
    void failedOperationsAreErrorsNotLatencies() {
        LoadResult result = Load.closed("test", 2, Duration.ZERO, Duration.ofMillis(300), seq -> {
            Database.sleep(5);
            if (seq % 2 == 0) {
                throw new IllegalStateException("refused");
            }
            return false;
        });

        assertThat(result.count()).isZero();
        assertThat(result.errors()).isPositive();
        assertThat(result.latencyMicros().getTotalCount()).isZero();
    }
}
