package dev.hookbridge.inbox;

import dev.hookbridge.common.BackendFailures;
import dev.hookbridge.common.BackendUnavailableException;
import dev.hookbridge.observability.health.BrokerReadiness;
import dev.hookbridge.observability.health.DatabaseReadiness;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Fails webhooks fast while the database or the broker is down. The circuit opens on the first
 * intake failure that says a backend is unavailable, or when a write has had no answer for
 * {@link #STALL_MILLIS} ms (a broker that is shutting down holds calls until their timeout): from
 * then on webhooks are answered 503 + Retry-After at once, those waiting for a write are refused
 * too, and the readiness checks probe both backends in the background (at once, then every
 * {@link #PROBE_INTERVAL_MILLIS} ms). The circuit closes by itself when both answer. A failure that
 * turns out to be no outage costs one probe.
 */
@ApplicationScoped
public class IntakeCircuit {

    private static final Logger LOG = Logger.getLogger(IntakeCircuit.class);
    static final long PROBE_INTERVAL_MILLIS = 500;
    static final long STALL_MILLIS = 1000;
    private static final long WATCH_INTERVAL_MILLIS = 250;

    @Inject
    @Readiness
    DatabaseReadiness database;

    @Inject
    @Readiness
    BrokerReadiness broker;

    @Resource(lookup = "java:jboss/ee/concurrency/scheduler/default")
    ManagedScheduledExecutorService scheduler;

    /** Why the circuit is open; null while it is closed. */
    private final AtomicReference<String> openBecause = new AtomicReference<>();
    /** Start (System.nanoTime) of each write under way. */
    private final Map<Object, Long> writesInFlight = new ConcurrentHashMap<>();
    private volatile Runnable onOpen = () -> { };
    private ScheduledFuture<?> watch;

    @PostConstruct
    void watchWrites() {
        watch = scheduler.scheduleWithFixedDelay(this::openIfStalled, WATCH_INTERVAL_MILLIS, WATCH_INTERVAL_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stopWatching() {
        watch.cancel(false);
    }

    /** What else to refuse when the circuit opens (the webhooks waiting for a write). */
    public void onOpen(Runnable action) {
        onOpen = action;
    }

    /** Runs a write to the backends, watched for stalls. */
    public <R> R watched(Supplier<R> write) {
        Object token = new Object();
        writesInFlight.put(token, System.nanoTime());
        try {
            return write.get();
        } finally {
            writesInFlight.remove(token);
        }
    }

    private void openIfStalled() {
        long now = System.nanoTime();
        boolean stalled = writesInFlight.values().stream()
                .anyMatch(start -> now - start > TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS));
        if (stalled) {
            open("a write had no answer from the database or the broker for " + STALL_MILLIS + " ms");
        }
    }

    /** Throws {@link BackendUnavailableException} while the circuit is open. */
    public void refuseWhileOpen() {
        String reason = openBecause.get();
        if (reason != null) {
            throw new BackendUnavailableException("the database or the message broker is unavailable (" + reason
                    + "); nothing was stored, please retry");
        }
    }

    public boolean isOpen() {
        return openBecause.get() != null;
    }

    /** Opens the circuit if the failure says the database or the broker is unavailable. */
    public void failed(Throwable failure) {
        if (!isOutage(failure)) {
            return;
        }
        open(ProcessingFailures.describe(failure));
    }

    private void open(String reason) {
        if (openBecause.compareAndSet(null, reason)) {
            LOG.warnf("Answering webhooks 503 until the database and the broker answer again: %s", reason);
            onOpen.run();
            scheduler.execute(this::probe);
        }
    }

    private void probe() {
        HealthCheckResponse db = database.call();
        HealthCheckResponse jms = db.getStatus() == HealthCheckResponse.Status.UP ? broker.call() : null;
        if (jms != null && jms.getStatus() == HealthCheckResponse.Status.UP) {
            openBecause.set(null);
            LOG.info("Accepting webhooks again: the database and the broker answer");
        } else {
            openBecause.set((jms == null ? db : jms).getData().map(d -> String.valueOf(d.get("error"))).orElse("probe failed"));
            scheduler.schedule(this::probe, PROBE_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * A backend failure, but not one that a single event's data causes in the database (SQLSTATE
     * classes 22, data exception, and 23, constraint violation): those fail only their own webhook.
     */
    static boolean isOutage(Throwable failure) {
        if (failure instanceof BackendUnavailableException || !BackendFailures.isUnavailable(failure)) {
            return false;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return false;
            }
        }
        return true;
    }
}
