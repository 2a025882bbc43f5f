package dev.hookbridge.retention;

import dev.hookbridge.cluster.ClusterTurns;
import dev.hookbridge.outbox.OutboxStore;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Purges what is older than {@code hookbridge.retention.age} on a timer: processed inbox events,
 * delivered deliveries with their attempts, then events no delivery refers to any more, each in
 * batches of {@code hookbridge.retention.batch-size} rows per short transaction ({@link PurgeBatches})
 * until a batch comes back smaller than asked. Every node runs it; the batches' SKIP LOCKED keeps
 * nodes out of each other's way. Runs on one node never overlap.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RetentionPurge {

    private static final Logger LOG = Logger.getLogger(RetentionPurge.class);
    /** The first run waits this long after start-up, so it does not compete with the deployment. */
    private static final Duration FIRST_RUN_DELAY = Duration.ofMinutes(1);

    /** The job's name, in the timer and among the cluster's turns. */
    static final String JOB = "retention-purge";

    @Resource
    TimerService timers;

    @EJB
    ClusterTurns turns;

    @EJB
    PurgeBatches batches;

    @Inject
    @ConfigProperty(name = "hookbridge.retention.age")
    Duration age;

    @Inject
    @ConfigProperty(name = "hookbridge.retention.batch-size")
    int batchSize;

    @Inject
    @ConfigProperty(name = "hookbridge.retention.interval")
    Duration interval;

    private final AtomicBoolean running = new AtomicBoolean();

    @PostConstruct
    void schedule() {
        if (batchSize < 1) {
            throw new IllegalStateException("hookbridge.retention.batch-size must be at least 1, is " + batchSize);
        }
        timers.createIntervalTimer(FIRST_RUN_DELAY.toMillis(), interval.toMillis(), new TimerConfig(JOB, false));
        LOG.infof("Retention: purging processed inbox events, delivered deliveries and finished events older than %s every %s, %d rows per batch",
                age, interval, batchSize);
    }

    /** Runs on one node of the cluster at a time: the one that takes the turn (the others would purge the same rows). */
    @Timeout
    void onTimer() {
        try {
            if (turns.take(JOB, interval)) {
                purgeOlderThan(Instant.now().minus(age), batchSize);
            }
        } catch (RuntimeException e) {
            // Nothing is half-deleted (each batch is its own transaction); the next run carries on.
            LOG.errorf("Retention purge failed (retried on the next run): %s", e.toString());
        }
    }

    /**
     * Purges every finished row older than {@code cutoff}, {@code batchSize} rows per transaction.
     * Returns empty counts without doing anything if a run is already going on this node.
     */
    public PurgeCounts purgeOlderThan(Instant cutoff, int batchSize) {
        if (!running.compareAndSet(false, true)) {
            return new PurgeCounts(0, 0, 0, 0, 0);
        }
        try {
            long started = System.nanoTime();
            long inbox = 0;
            long deliveries = 0;
            long attempts = 0;
            long events = 0;
            int batchCount = 0;
            int removed;
            do {
                removed = batches.inboxEvents(cutoff, batchSize);
                inbox += removed;
                batchCount++;
            } while (removed == batchSize);
            OutboxStore.PurgedDeliveries batch;
            do {
                batch = batches.deliveries(cutoff, batchSize);
                deliveries += batch.deliveries();
                attempts += batch.attempts();
                batchCount++;
            } while (batch.deliveries() == batchSize);
            do {
                removed = batches.events(cutoff, batchSize);
                events += removed;
                batchCount++;
            } while (removed == batchSize);
            PurgeCounts counts = new PurgeCounts(inbox, deliveries, attempts, events, batchCount);
            if (!counts.isEmpty()) {
                LOG.infof("Retention purged rows older than %s: %d inbox events, %d deliveries, %d attempts, %d events in %d batches, %d ms",
                        cutoff, inbox, deliveries, attempts, events, batchCount, (System.nanoTime() - started) / 1_000_000);
            }
            return counts;
        } finally {
            running.set(false);
        }
    }
}
