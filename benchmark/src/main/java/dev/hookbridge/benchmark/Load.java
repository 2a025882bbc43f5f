package dev.hookbridge.benchmark;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The load generator: closed loop (N clients, each sending the next request when the last one
 * answered) and open loop (a constant arrival rate whatever the answers do; latency counted from the
 * time a request was due, so a server that falls behind shows its queueing in the percentiles).
 */
final class Load {

    /** Highest latency a histogram keeps: 10 minutes in microseconds. */
    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);

    /** One synchronous operation; it throws (or returns false) when the answer is not a success. */
    @FunctionalInterface
    interface Operation {
        boolean run(long sequence) throws Exception;
    }

    /** One asynchronous operation: completes with true on success. */
    @FunctionalInterface
    interface AsyncOperation {
        CompletableFuture<Boolean> start(long sequence);
    }

    private Load() {
    }

    static Histogram histogram() {
        return new Histogram(MAX_MICROS, 3);
    }

    /**
     * Runs {@code clients} threads for warm-up plus measurement; only operations that started inside
     * the measured window count (an operation still running at its end is finished, not counted).
     */
    static LoadResult closed(String name, int clients, Duration warmup, Duration measure, Operation operation) {
        Recorder recorder = new Recorder(MAX_MICROS, 3);
        AtomicLong sequence = new AtomicLong();
        AtomicLong count = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long measureTo = measureFrom + measure.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(() -> {
                while (true) {
                    long start = System.nanoTime();
                    if (start >= measureTo) {
                        return;
                    }
                    boolean ok;
                    try {
                        ok = operation.run(sequence.getAndIncrement());
                    } catch (Exception e) {
                        ok = false;
                    }
                    long end = System.nanoTime();
                    if (start >= measureFrom && end <= measureTo) {
                        if (ok) {
                            count.incrementAndGet();
                            recorder.recordValue(Math.min(MAX_MICROS, (end - start) / 1000));
                        } else {
                            errors.incrementAndGet();
                        }
                    }
                }
            }, name + "-" + c);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return new LoadResult(name, clients + " clients", count.get(), errors.get(), measure.toNanos() / 1e9,
                recorder.getIntervalHistogram());
    }

    /**
     * Starts one operation every 1/rate seconds for {@code measure}, then waits (up to
     * {@code drain}) for the answers. Latency is answer time minus due time.
     */
    static LoadResult open(String name, double ratePerSecond, Duration measure, Duration drain, AsyncOperation operation) {
        Recorder recorder = new Recorder(MAX_MICROS, 3);
        AtomicLong count = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long period = (long) (1e9 / ratePerSecond);
        long total = (long) (ratePerSecond * measure.toNanos() / 1e9);
        List<CompletableFuture<?>> pending = new ArrayList<>();
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + i * period;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            CompletableFuture<Boolean> answer;
            try {
                answer = operation.start(i);
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            pending.add(answer.whenComplete((ok, failure) -> {
                if (failure == null && Boolean.TRUE.equals(ok)) {
                    count.incrementAndGet();
                    recorder.recordValue(Math.min(MAX_MICROS, (System.nanoTime() - due) / 1000));
                } else {
                    errors.incrementAndGet();
                }
            }));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(drain.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // Unanswered or failed requests are counted as errors below.
        }
        long unanswered = pending.stream().filter(f -> !f.isDone()).count();
        return new LoadResult(name, Math.round(ratePerSecond) + "/s offered", count.get(), errors.get() + unanswered,
                seconds, recorder.getIntervalHistogram());
    }
}
