package dev.hookbridge.outbox;

import dev.hookbridge.observability.GatewayMetrics;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Asynchronous;
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
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Sends due deliveries: claims what it has room for (DeliveryClaims), sends each on the managed
 * executor with no transaction open, and records the outcome: successes in groups, one transaction
 * for all that finished while the previous group was being recorded ({@link GroupCommit}), failures
 * each in its own transaction (they may retry, go DEAD or disable the endpoint). An attempt holds its
 * place in flight until its outcome is committed, so outcomes cannot pile up unrecorded. At most
 * {@code hookbridge.dispatcher.max-in-flight} attempts are in flight per node, on an executor of
 * Hookbridge's own with a thread for each (the server's default executor has 2 per core), and at most
 * {@code hookbridge.delivery.max-in-flight-per-endpoint} of them for one endpoint, so a slow receiver
 * holds up only its own deliveries. A rate-limited endpoint's deliveries take their turns from a
 * bucket all nodes share ({@link EndpointRateBudget}); those over the rate go back until their turn. The next claim comes once a quarter of the places an endpoint may
 * hold (at most a quarter of all places) have been freed since the last one, so a busy dispatcher claims in
 * batches rather than one row per transaction, also when one endpoint's cap is what limits it. A commit that creates
 * deliveries wakes it ({@link #wake()}); the one-second timer is the safety net for retries that come
 * due and for claims left by a node that died. Passes on one node never overlap; several nodes are
 * kept apart by the claims.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutboxDispatcher {

    private static final Logger LOG = Logger.getLogger(OutboxDispatcher.class);
    private static final long TIMER_MILLIS = 1000;
    /** Created by hookbridge-install.cli with a thread for each attempt that may be in flight. */
    static final String EXECUTOR = "java:jboss/ee/concurrency/executor/hookbridge-dispatcher";
    /** A claim outlives the attempt's timeout by this much before other nodes may take it over. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

    @Resource
    TimerService timers;

    @Resource(lookup = EXECUTOR)
    ManagedExecutorService executor;

    @EJB
    DeliveryClaims claims;

    @EJB
    DeliveryOutcomes outcomes;

    @EJB
    EndpointRateBudget rateBudget;

    @Inject
    WebhookSender sender;

    @Inject
    GatewayMetrics metrics;

    @Inject
    @ConfigProperty(name = "hookbridge.dispatcher.batch-size")
    int batchSize;

    @Inject
    @ConfigProperty(name = "hookbridge.delivery.timeout")
    Duration timeout;

    @Inject
    @ConfigProperty(name = "hookbridge.delivery.max-in-flight-per-endpoint")
    int maxInFlightPerEndpoint;

    /** Set by hookbridge-install.cli, which sizes the executor by the same property. */
    @Inject
    @ConfigProperty(name = "hookbridge.dispatcher.max-in-flight")
    int maxInFlight;

    private EndpointSlots endpointSlots;
    /**
     * Finished attempts start the next pass once this many places were freed since the last (a quarter,
     * or less with a smaller cap per endpoint); a wake-up or the timer claims whatever room there is.
     */
    private int refillAt;
    private Semaphore inFlight;
    private GroupCommit<DeliveredAttempt> deliveredGroups;
    private final AtomicInteger freedSincePass = new AtomicInteger();

    /** Rate-limited endpoints whose bucket was empty, until (System.nanoTime) their next token. */
    private final Map<String, Long> rateHolds = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wokenDuringPass = new AtomicBoolean();

    @PostConstruct
    void scheduleSafetyNet() {
        endpointSlots = new EndpointSlots(maxInFlightPerEndpoint);
        inFlight = new Semaphore(maxInFlight);
        deliveredGroups = new GroupCommit<>(maxInFlight, this::recordDelivered);
        refillAt = Math.max(1, Math.min(maxInFlight / 4, maxInFlightPerEndpoint / 4));
        timers.createIntervalTimer(TIMER_MILLIS, TIMER_MILLIS, new TimerConfig("outbox-dispatcher", false));
    }

    @Timeout
    void onTimer() {
        dispatchDue();
    }

    /** Called after a commit that created deliveries: dispatch now rather than at the next tick. */
    @Asynchronous
    public void wake() {
        dispatchDue();
    }

    private void dispatchDue() {
        if (!running.compareAndSet(false, true)) {
            wokenDuringPass.set(true); // the running pass goes round once more
            return;
        }
        try {
            do {
                wokenDuringPass.set(false);
                while (timedPass()) {
                    // everything asked for was due: there may be more
                }
            } while (wokenDuringPass.get());
        } catch (RuntimeException e) {
            // Nothing is lost: unclaimed rows stay due, claimed ones return after their lease.
            LOG.errorf("Dispatcher pass failed (retried on the next tick): %s", e.toString());
        } finally {
            running.set(false);
        }
    }

    private boolean timedPass() {
        long start = System.nanoTime();
        try {
            return pass();
        } finally {
            metrics.dispatcherPass(Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** Claims as many due deliveries as there is room for and starts them; true if all asked for came. */
    private boolean pass() {
        freedSincePass.set(0);
        int room = Math.min(batchSize, inFlight.availablePermits());
        if (room == 0) {
            return false; // a finishing attempt calls dispatchDue again
        }
        List<ClaimedDelivery> claimed = claims.claim(room, timeout.plus(LEASE_MARGIN), skippedEndpoints());
        Map<String, Iterator<Duration>> rateWaits;
        try {
            rateWaits = rateWaits(claimed);
        } catch (RuntimeException e) {
            // Nothing was started: the deliveries go back as due as they were.
            claims.unclaim(claimed.stream().map(ClaimedDelivery::deliveryId).toList());
            throw e;
        }
        List<Long> noPlace = new ArrayList<>();
        for (ClaimedDelivery delivery : claimed) {
            String endpointId = delivery.target().endpointId();
            Iterator<Duration> waits = rateWaits.get(endpointId);
            Duration wait = waits == null ? Duration.ZERO : waits.next();
            if (!wait.isZero()) {
                claims.release(delivery.deliveryId(), wait); // over the rate: due again at its turn
            } else if (!endpointSlots.tryAcquire(endpointId)) {
                noPlace.add(delivery.deliveryId()); // its endpoint filled up within this claim
            } else {
                start(delivery);
            }
        }
        if (!noPlace.isEmpty()) {
            // Claimed again once a place frees up: finishing attempts start the next pass.
            claims.unclaim(noPlace);
        }
        return claimed.size() == room;
    }

    /** Starts the attempt on the executor, holding its place in flight and its endpoint's slot until it is recorded. */
    private void start(ClaimedDelivery delivery) {
        inFlight.acquireUninterruptibly();
        try {
            executor.submit(() -> attempt(delivery));
        } catch (RuntimeException notStarted) {
            inFlight.release();
            endpointSlots.release(delivery.target().endpointId());
            throw notStarted; // the delivery returns after its lease
        }
    }

    /** Endpoints not to claim for now: those with all their slots taken, and those over their rate. */
    private Set<String> skippedEndpoints() {
        Set<String> skipped = new HashSet<>(endpointSlots.full());
        long now = System.nanoTime();
        rateHolds.entrySet().removeIf(hold -> hold.getValue() - now <= 0);
        skipped.addAll(rateHolds.keySet());
        return skipped;
    }

    /**
     * For each rate-limited endpoint among the deliveries: what each of its deliveries waits, in
     * order, zero for those that go now. One take from the endpoint's bucket, which all nodes share.
     */
    private Map<String, Iterator<Duration>> rateWaits(List<ClaimedDelivery> deliveries) {
        Map<String, List<ClaimedDelivery>> limited = deliveries.stream()
                .filter(delivery -> delivery.target().rateLimitPerSecond() != null)
                .collect(Collectors.groupingBy(delivery -> delivery.target().endpointId()));
        Map<String, Iterator<Duration>> waits = new HashMap<>();
        limited.forEach((endpointId, toEndpoint) -> {
            int rate = toEndpoint.get(0).target().rateLimitPerSecond();
            TokenBucket.Taken taken = rateBudget.take(endpointId, rate, toEndpoint.size());
            if (!taken.waits().isEmpty()) {
                // Its bucket is empty: claiming its deliveries again before the next token would only
                // push them back again.
                rateHolds.put(endpointId, System.nanoTime() + taken.waits().get(0).toNanos());
            }
            List<Duration> inOrder = new ArrayList<>(Collections.nCopies(taken.granted(), Duration.ZERO));
            inOrder.addAll(taken.waits());
            waits.put(endpointId, inOrder.iterator());
        });
        return waits;
    }

    private void attempt(ClaimedDelivery delivery) {
        AttemptResult result;
        try {
            result = sender.send(delivery);
        } catch (RuntimeException e) {
            LOG.errorf("Attempt of deliveryId=%d failed unexpectedly; it is retried after its lease: %s",
                    delivery.deliveryId(), e.toString());
            finished(List.of(delivery));
            return;
        }
        if (result.delivered()) {
            deliveredGroups.submit(new DeliveredAttempt(delivery, result)); // its place is freed once recorded
        } else {
            recordFailed(delivery, result);
        }
    }

    private void recordFailed(ClaimedDelivery delivery, AttemptResult result) {
        try {
            outcomes.recordFailed(delivery, result);
            recordMetrics(delivery, result);
        } catch (RuntimeException e) {
            LOG.errorf("Recording the attempt of deliveryId=%d failed; it is retried after its lease: %s",
                    delivery.deliveryId(), e.toString());
        } finally {
            finished(List.of(delivery));
        }
    }

    /**
     * Records a group of successes in one transaction. If that fails, each is tried alone, so one
     * row the database refuses does not send the whole group again; what still fails is sent again
     * after its lease (at least once).
     */
    private void recordDelivered(List<DeliveredAttempt> group) {
        try {
            for (DeliveredAttempt done : recordTogetherOrEachAlone(group)) {
                recordMetrics(done.delivery(), done.result());
            }
        } finally {
            finished(group.stream().map(DeliveredAttempt::delivery).toList());
        }
    }

    /** Frees the places of attempts whose outcome is recorded (or will be retried after the lease). */
    private void finished(List<ClaimedDelivery> deliveries) {
        deliveries.forEach(delivery -> endpointSlots.release(delivery.target().endpointId()));
        inFlight.release(deliveries.size());
        if (freedSincePass.addAndGet(deliveries.size()) >= refillAt) {
            dispatchDue(); // room for a batch
        }
    }

    /** The attempts whose outcome was committed. */
    private List<DeliveredAttempt> recordTogetherOrEachAlone(List<DeliveredAttempt> group) {
        try {
            outcomes.recordDelivered(group);
            return group;
        } catch (RuntimeException groupFailed) {
            if (group.size() == 1) {
                logUnrecorded(group.get(0), groupFailed);
                return List.of();
            }
            LOG.warnf("Recording %d delivered attempts together failed; recording each alone: %s", group.size(), groupFailed.toString());
        }
        List<DeliveredAttempt> recorded = new ArrayList<>();
        for (DeliveredAttempt done : group) {
            try {
                outcomes.recordDelivered(List.of(done));
                recorded.add(done);
            } catch (RuntimeException e) {
                logUnrecorded(done, e);
            }
        }
        return recorded;
    }

    private static void logUnrecorded(DeliveredAttempt done, RuntimeException e) {
        LOG.errorf("Recording the attempt of deliveryId=%d failed; it is retried after its lease: %s",
                done.delivery().deliveryId(), e.toString());
    }

    /** Counts an attempt whose outcome was recorded (committed); a failed recording is retried and counted then. */
    private void recordMetrics(ClaimedDelivery delivery, AttemptResult result) {
        String endpointId = delivery.target().endpointId();
        String outcome = result.delivered() ? "delivered" : result.statusCode() != null ? "http_error" : "no_response";
        metrics.attempt(endpointId, outcome, Duration.ofMillis(result.latencyMillis()));
        if (result.delivered()) {
            metrics.delivered(endpointId, Duration.between(delivery.eventTime(), Instant.now()));
        }
    }
}
