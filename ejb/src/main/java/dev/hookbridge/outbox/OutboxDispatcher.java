package dev.hookbridge.outbox;

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
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends due deliveries: claims a batch (DeliveryClaims), sends them concurrently on the managed
 * executor with no transaction open, and records each outcome in its own transaction. A commit that
 * creates deliveries wakes it at once ({@link #wake()}); the one-second timer is the safety net for
 * retries that come due and for claims left by a node that died. Passes on one node never overlap;
 * several nodes are kept apart by the claims.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutboxDispatcher {

    private static final Logger LOG = Logger.getLogger(OutboxDispatcher.class);
    private static final long TIMER_MILLIS = 1000;
    /** A claim outlives the attempt's timeout by this much before other nodes may take it over. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

    @Resource
    TimerService timers;

    @Resource
    ManagedExecutorService executor;

    @EJB
    DeliveryClaims claims;

    @EJB
    DeliveryOutcomes outcomes;

    @Inject
    WebhookSender sender;

    @Inject
    @ConfigProperty(name = "hookbridge.dispatcher.batch-size")
    int batchSize;

    @Inject
    @ConfigProperty(name = "hookbridge.delivery.timeout")
    Duration timeout;

    private final EndpointRateLimiter rateLimiter = new EndpointRateLimiter(System::nanoTime);
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wokenDuringPass = new AtomicBoolean();

    @PostConstruct
    void scheduleSafetyNet() {
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
                while (pass() == batchSize) {
                    // a full batch: more may be due
                }
            } while (wokenDuringPass.get());
        } catch (RuntimeException e) {
            // Nothing is lost: unclaimed rows stay due, claimed ones return after their lease.
            LOG.errorf("Dispatcher pass failed (retried on the next tick): %s", e.toString());
        } finally {
            running.set(false);
        }
    }

    private int pass() {
        List<ClaimedDelivery> claimed = claims.claim(batchSize, timeout.plus(LEASE_MARGIN));
        List<Future<?>> attempts = new ArrayList<>(claimed.size());
        for (ClaimedDelivery delivery : claimed) {
            Integer rate = delivery.target().rateLimitPerSecond();
            Duration wait = rate == null ? Duration.ZERO : rateLimiter.acquire(delivery.target().endpointId(), rate);
            if (!wait.isZero()) {
                claims.release(delivery.deliveryId(), Instant.now().plus(wait));
                continue;
            }
            attempts.add(executor.submit(() -> outcomes.record(delivery, sender.send(delivery))));
        }
        for (Future<?> attempt : attempts) {
            try {
                attempt.get();
            } catch (ExecutionException e) {
                LOG.errorf("Recording an attempt failed; the delivery is retried after its lease: %s", e.getCause().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
        return claimed.size();
    }
}
