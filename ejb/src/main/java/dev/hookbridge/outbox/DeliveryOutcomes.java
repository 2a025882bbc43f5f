package dev.hookbridge.outbox;

import dev.hookbridge.endpoint.EndpointService;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Records what an attempt gave, in a transaction of its own after the HTTP call: the attempt row,
 * then DELIVERED, a retry or DEAD (announced on webhooks.outbound.dead in the same transaction), as
 * {@link FailedAttemptPolicy} decides, and the endpoint's health. Successes, the common case, are
 * recorded in groups ({@link #recordDelivered}): one transaction and one batch of each statement for
 * many.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class DeliveryOutcomes {

    private static final Logger LOG = Logger.getLogger(DeliveryOutcomes.class);

    @EJB
    OutboxStore store;

    @EJB
    EndpointService endpoints;

    @EJB
    DeadDeliveryTopic deadDeliveries;

    @Inject
    @ConfigProperty(name = "hookbridge.delivery.retry-schedule")
    String retryScheduleText;

    @Inject
    @ConfigProperty(name = "hookbridge.endpoint.disable-after-failing", defaultValue = "P5D")
    Duration disableAfterFailing;

    private FailedAttemptPolicy policy;

    @PostConstruct
    void createPolicy() {
        policy = new FailedAttemptPolicy(RetrySchedule.parse(retryScheduleText), disableAfterFailing);
    }

    /**
     * Records a group of successful attempts in one transaction: their attempt rows, DELIVERED, and
     * each endpoint's health once. Rows are written in delivery id order, then endpoints in id order,
     * so two groups (of this node or another) never wait on each other in a cycle.
     */
    public void recordDelivered(List<DeliveredAttempt> group) {
        List<DeliveredAttempt> byId = group.stream()
                .sorted(Comparator.comparingLong(attempt -> attempt.delivery().deliveryId())).toList();
        boolean[] pending = store.recordDelivered(byId);
        Map<String, Instant> lastSuccess = new TreeMap<>(); // endpoints in id order, as above
        for (int i = 0; i < byId.size(); i++) {
            ClaimedDelivery delivery = byId.get(i).delivery();
            AttemptResult result = byId.get(i).result();
            if (!pending[i]) {
                notPending(delivery);
                continue;
            }
            lastSuccess.merge(delivery.target().endpointId(), result.attemptedAt(), (a, b) -> a.isAfter(b) ? a : b);
            LOG.infof("Delivered deliveryId=%d eventId=%s endpointId=%s status=%d attempt=%d", delivery.deliveryId(),
                    delivery.eventId(), delivery.target().endpointId(), result.statusCode(), delivery.attemptsMade() + 1);
        }
        store.noteSuccesses(lastSuccess);
    }

    /** Records an attempt that did not deliver (see {@link #recordDelivered} for those that did). */
    public void recordFailed(ClaimedDelivery delivery, AttemptResult result) {
        int attempts = delivery.attemptsMade() + 1;
        String endpointId = delivery.target().endpointId();
        Optional<Duration> delay = policy.retryDelay(attempts, result, ThreadLocalRandom.current());
        store.insertAttempt(delivery.deliveryId(), result);
        // Lock order: the delivery row, then the endpoint row (as deleting an endpoint does), so the
        // two never wait on each other in a cycle.
        boolean pending = delay.isPresent()
                ? store.markRetry(delivery.deliveryId(), attempts, Instant.now().plus(delay.get()), result)
                : store.markDead(delivery.deliveryId(), attempts, result);
        if (!pending) {
            notPending(delivery);
            return;
        }
        if (delay.isPresent()) {
            LOG.infof("Attempt failed deliveryId=%d eventId=%s endpointId=%s attempt=%d (%s); next in %s",
                    delivery.deliveryId(), delivery.eventId(), endpointId, attempts, result.describe(), delay.get());
        } else {
            deadDeliveries.announce(delivery, attempts, result);
            LOG.warnf("Delivery DEAD deliveryId=%d eventId=%s endpointId=%s after %d attempts (%s)", delivery.deliveryId(),
                    delivery.eventId(), endpointId, attempts, result.describe());
        }
        Instant failingSince = store.noteFailure(endpointId, result.attemptedAt()).orElse(null);
        policy.disableReason(result, delivery.target().url(), failingSince)
                .ifPresent(reason -> endpoints.disable(endpointId, reason));
    }

    /** Its endpoint was deleted meanwhile, which made it DEAD: then the outcome changes nothing. */
    private static void notPending(ClaimedDelivery delivery) {
        LOG.infof("Outcome of deliveryId=%d not applied: it is no longer pending (endpoint deleted?)", delivery.deliveryId());
    }
}
