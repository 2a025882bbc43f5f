package dev.hookbridge.observability.health;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedProbeTest {

    @BeforeAll
    static void responses() {
        TestResponses.install();
    }

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        executor.shutdownNow();
    }

    @Test
    void aProbeThatDoesNotAnswerIsDownAfterTheLimitAndIsNotStartedTwice() {
        BoundedProbe bounded = new BoundedProbe("slow");
        AtomicInteger started = new AtomicInteger();

        long begin = System.nanoTime();
        HealthCheckResponse first = bounded.run(executor, () -> {
            started.incrementAndGet();
            release.await();
            return HealthCheckResponse.up("slow");
        });
        Duration took = Duration.ofNanos(System.nanoTime() - begin);
        HealthCheckResponse second = bounded.run(executor, () -> {
            started.incrementAndGet();
            return HealthCheckResponse.up("slow");
        });

        assertThat(first.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(took).isBetween(BoundedProbe.LIMIT, BoundedProbe.LIMIT.plusSeconds(2));
        assertThat(second.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(started).hasValue(1);
    }

    @Test
    void aFinishedProbeIsRunAfreshNextTime() {
        BoundedProbe bounded = new BoundedProbe("db");
        AtomicInteger runs = new AtomicInteger();

        bounded.run(executor, () -> HealthCheckResponse.named("db").status(runs.incrementAndGet() > 1).build());
        HealthCheckResponse second = bounded.run(executor, () -> HealthCheckResponse.named("db").status(runs.incrementAndGet() > 1).build());

        assertThat(runs).hasValue(2);
        assertThat(second.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void aProbeThatThrowsIsDownWithItsCause() {
        HealthCheckResponse down = new BoundedProbe("broker").run(executor, () -> {
            throw new IllegalStateException("refused");
        });

        assertThat(down.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(down.getData()).get().extracting(d -> d.get("error")).isEqualTo("IllegalStateException: refused");
    }
}
