package dev.hookbridge.outbox;

import dev.hookbridge.endpoint.EndpointService;
import dev.hookbridge.operations.OperationalEvent;
import dev.hookbridge.operations.OperationalEventType;
import dev.hookbridge.operations.OperationalEvents;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Records what an attempt gave, in a transaction of its own after the HTTP call: the attempt row,
 * then DELIVERED, a retry or DEAD (announced on webhooks.outbound.dead in the same transaction), as
 * {@link FailedAttemptPolicy} decides, and the endpoint's health, with the operational events of
 * its transitions (failing, recovered, disabled) and of a dead delivery. Successes, the common case, are
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

    @Inject
    @ConfigProperty(name = "hookbridge.endpoint.failing-after", defaultValue = "3")
    int failingAfter;

    @EJB
    OperationalEvents operations;

    private FailedAttemptPolicy policy;

    @PostConstruct
    void createPolicy() {
        policy = new FailedAttemptPolicy(RetrySchedule.parse(retryScheduleText), disableAfterFailing, failingAfter);
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
        store.noteSuccesses(lastSuccess).forEach((endpointId, failuresEnded) -> {
            if (policy.endsFailing(failuresEnded)) {
                operations.raise(OperationalEvent.aboutEndpoint(OperationalEventType.ENDPOINT_RECOVERED,
                        lastSuccess.get(endpointId), endpointId, Map.of("failuresEnded", failuresEnded)));
            }
        });
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
            operations.raise(deadEvent(delivery, attempts, result));
            LOG.warnf("Delivery DEAD deliveryId=%d eventId=%s endpointId=%s after %d attempts (%s)", delivery.deliveryId(),
                    delivery.eventId(), endpointId, attempts, result.describe());
        }
        OutboxStore.FailureRun run = store.noteFailure(endpointId, result.attemptedAt()).orElse(null);
        if (run == null) {
            return; // the endpoint is gone
        }
        if (policy.startsFailing(run.consecutiveFailures())) {
            operations.raise(OperationalEvent.aboutEndpoint(OperationalEventType.ENDPOINT_FAILING, result.attemptedAt(),
                    endpointId, lastAttempt(result, Map.of("consecutiveFailures", run.consecutiveFailures(),
                            "failingSince", run.failingSince(), "url", delivery.target().url()))));
        }
        Optional<String> disableReason = policy.disableReason(result, delivery.target().url(), run.failingSince());
        if (disableReason.isPresent() && endpoints.disable(endpointId, disableReason.get())) {
            operations.raise(OperationalEvent.aboutEndpoint(OperationalEventType.ENDPOINT_DISABLED, result.attemptedAt(),
                    endpointId, lastAttempt(result, Map.of("reason", disableReason.get()))));
        }
    }

    private static OperationalEvent deadEvent(ClaimedDelivery delivery, int attempts, AttemptResult last) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("deliveryId", Long.toString(delivery.deliveryId()));
        fields.put("eventId", delivery.eventId());
        fields.put("eventType", delivery.eventType());
        fields.put("attemptCount", attempts);
        return new OperationalEvent(OperationalEventType.DELIVERY_DEAD, last.attemptedAt(), delivery.target().endpointId(),
                "/dashboard/#/deliveries/" + delivery.deliveryId(), lastAttempt(last, fields));
    }

    /** The fields, then what the last attempt gave: its status code (null without a response) and error. */
    private static Map<String, Object> lastAttempt(AttemptResult last, Map<String, Object> fields) {
        Map<String, Object> all = new LinkedHashMap<>(fields);
        all.put("lastStatusCode", last.statusCode());
        all.put("lastError", last.lastError());
        return all;
    }

    /** Its endpoint was deleted meanwhile, which made it DEAD: then the outcome changes nothing. */
    private static void notPending(ClaimedDelivery delivery) {
        LOG.infof("Outcome of deliveryId=%d not applied: it is no longer pending (endpoint deleted?)", delivery.deliveryId());
    }
}
