package dev.hookbridge.observability.health;

import org.eclipse.microprofile.health.HealthCheckResponse;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one check's probe on the managed executor and waits for it at most {@link #LIMIT}, so a
 * backend that accepts connections but does not answer (a broker shutting down, a network that drops
 * packets) makes the check DOWN quickly instead of holding the readiness request until the client's
 * own timeout (or the connection factory's call timeout). At most one probe per check is in
 * flight: while a slow one is still waiting, later calls wait for that same one and start no other.
 */
final class BoundedProbe {

    static final Duration LIMIT = Duration.ofSeconds(3);

    private final String check;
    private final AtomicReference<Future<HealthCheckResponse>> inFlight = new AtomicReference<>();

    BoundedProbe(String check) {
        this.check = check;
    }

    HealthCheckResponse run(ExecutorService executor, Callable<HealthCheckResponse> probe) {
        Future<HealthCheckResponse> running = inFlight.get();
        if (running == null || running.isDone()) {
            Future<HealthCheckResponse> started = executor.submit(probe);
            running = inFlight.compareAndSet(running, started) ? started : inFlight.get();
        }
        try {
            return running.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return HealthCheckResponse.named(check).down().withData("error", "no answer within " + LIMIT.toSeconds() + " s").build();
        } catch (ExecutionException e) {
            return Down.because(check, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Down.because(check, e);
        }
    }
}
