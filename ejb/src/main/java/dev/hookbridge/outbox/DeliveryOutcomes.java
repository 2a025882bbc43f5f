package dev.hookbridge.outbox;

import dev.hookbridge.common.SqlValues;
import dev.hookbridge.endpoint.EndpointService;
import dev.hookbridge.json.JsonProcessing;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Records what an attempt gave, in a transaction of its own after the HTTP call: the attempt row,
 * then DELIVERED, a retry at the next time of the schedule, or DEAD (announced on
 * webhooks.outbound.dead in the same transaction). A 410 Gone disables the endpoint.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class DeliveryOutcomes {

    private static final Logger LOG = Logger.getLogger(DeliveryOutcomes.class);
    private static final int MAX_ERROR_LENGTH = 2000;

    @PersistenceContext
    EntityManager em;

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

    private RetrySchedule schedule;

    @PostConstruct
    void parseSchedule() {
        schedule = RetrySchedule.parse(retryScheduleText);
    }

    public void record(ClaimedDelivery delivery, AttemptResult result) {
        em.createNativeQuery("""
                        insert into delivery_attempt (delivery_id, attempted_at, status_code, latency_ms, response_excerpt, error)
                        values (?1, ?2, ?3, ?4, ?5, ?6)""")
                .setParameter(1, delivery.deliveryId()).setParameter(2, Timestamp.from(result.attemptedAt()))
                .setParameter(3, result.statusCode()).setParameter(4, (int) result.latencyMillis())
                .setParameter(5, result.responseExcerpt()).setParameter(6, truncate(result.error()))
                .executeUpdate();
        int attempts = delivery.attemptsMade() + 1;
        String endpointId = delivery.target().endpointId();
        // Lock order: the delivery row, then the endpoint row (as deleting an endpoint does), so the
        // two never wait on each other in a cycle.
        if (result.delivered()) {
            if (update(delivery, "DELIVERED", attempts, null, result)) {
                noteSuccess(endpointId, result.attemptedAt());
                LOG.infof("Delivered deliveryId=%d eventId=%s endpointId=%s status=%d attempt=%d", delivery.deliveryId(),
                        delivery.eventId(), endpointId, result.statusCode(), attempts);
            }
            return;
        }
        if (result.gone()) {
            if (dead(delivery, attempts, result)) {
                noteFailure(endpointId, result.attemptedAt());
                endpoints.disable(endpointId, "410 Gone from " + delivery.target().url() + " at " + result.attemptedAt());
            }
            return;
        }
        Optional<Duration> delay = schedule.delayAfter(attempts, result.retryAfter(), ThreadLocalRandom.current());
        boolean recorded = delay.isEmpty()
                ? dead(delivery, attempts, result)
                : update(delivery, "PENDING", attempts, Instant.now().plus(delay.get()), result);
        if (recorded) {
            noteFailure(endpointId, result.attemptedAt());
            disableIfFailingTooLong(endpointId, result.attemptedAt());
            delay.ifPresent(d -> LOG.infof("Attempt failed deliveryId=%d eventId=%s endpointId=%s attempt=%d (%s); next in %s",
                    delivery.deliveryId(), delivery.eventId(), endpointId, attempts, describe(result), d));
        }
    }

    /** Marks the delivery DEAD and announces it; false when it was no longer pending (see update). */
    private boolean dead(ClaimedDelivery delivery, int attempts, AttemptResult result) {
        if (!update(delivery, "DEAD", attempts, null, result)) {
            return false;
        }
        var json = JsonProcessing.PROVIDER.createObjectBuilder()
                .add("id", Long.toString(delivery.deliveryId()))
                .add("eventId", delivery.eventId())
                .add("eventType", delivery.eventType())
                .add("endpointId", delivery.target().endpointId())
                .add("status", "DEAD")
                .add("attemptCount", attempts);
        if (result.statusCode() != null) {
            json.add("lastStatusCode", result.statusCode());
        } else {
            json.addNull("lastStatusCode");
        }
        json.add("lastError", result.error() != null ? result.error() : describe(result));
        deadDeliveries.announce(delivery.deliveryId(), delivery.eventId(), delivery.eventType(),
                delivery.target().endpointId(), result.statusCode(), json.build().toString());
        LOG.warnf("Delivery DEAD deliveryId=%d eventId=%s endpointId=%s after %d attempts (%s)", delivery.deliveryId(),
                delivery.eventId(), delivery.target().endpointId(), attempts, describe(result));
        return true;
    }

    /**
     * Records the outcome on the delivery if it is still pending; false when it is not (its endpoint
     * was deleted meanwhile, which made it DEAD): then the outcome changes nothing.
     */
    private boolean update(ClaimedDelivery delivery, String status, int attempts, Instant next, AttemptResult result) {
        int updated = em.createNativeQuery("""
                        update delivery set status = ?2, attempts = ?3, next_attempt_at = coalesce(?4, next_attempt_at),
                               claimed_until = null, last_status_code = ?5, last_error = ?6,
                               delivered_at = case when ?2 = 'DELIVERED' then now() else delivered_at end,
                               dead_at = case when ?2 = 'DEAD' then now() else dead_at end
                         where id = ?1 and status = 'PENDING'""")
                .setParameter(1, delivery.deliveryId()).setParameter(2, status).setParameter(3, attempts)
                .setParameter(4, next == null ? null : Timestamp.from(next)).setParameter(5, result.statusCode())
                .setParameter(6, truncate(result.error() != null ? result.error() : result.delivered() ? null : describe(result)))
                .executeUpdate();
        if (updated == 0) {
            LOG.infof("Outcome of deliveryId=%d not applied: it is no longer pending (endpoint deleted?)", delivery.deliveryId());
        }
        return updated == 1;
    }

    /**
     * The endpoint's health after a success: no longer failing, and the time of its last success.
     * A steady stream of successes writes the endpoint row at most about once a second (not once
     * per delivery), so concurrent outcomes for one endpoint rarely queue on its row lock.
     */
    private void noteSuccess(String endpointId, Instant at) {
        em.createNativeQuery("""
                        update endpoint set failing_since = null, consecutive_failures = 0, last_success_at = ?2
                         where id = ?1 and (failing_since is not null or consecutive_failures > 0 or last_success_at is null
                                            or last_success_at < ?3)""")
                .setParameter(1, endpointId).setParameter(2, Timestamp.from(at))
                .setParameter(3, Timestamp.from(at.minusSeconds(1))).executeUpdate();
    }

    /** The endpoint's health after a failed attempt: one more failure in a row, and since when it fails. */
    private void noteFailure(String endpointId, Instant at) {
        em.createNativeQuery("""
                        update endpoint set failing_since = coalesce(failing_since, ?2), last_failure_at = ?2,
                               consecutive_failures = consecutive_failures + 1
                         where id = ?1""")
                .setParameter(1, endpointId).setParameter(2, Timestamp.from(at)).executeUpdate();
    }

    /** An endpoint that failed for too long is disabled. */
    private void disableIfFailingTooLong(String endpointId, Instant now) {
        List<?> since = em.createNativeQuery("select failing_since from endpoint where id = ?1")
                .setParameter(1, endpointId).getResultList();
        Instant failingSince = since.isEmpty() ? null : SqlValues.instant(since.get(0));
        if (failingSince != null && Duration.between(failingSince, now).compareTo(disableAfterFailing) > 0) {
            endpoints.disable(endpointId, "failing continuously since " + failingSince);
        }
    }

    private static String describe(AttemptResult result) {
        return result.statusCode() != null ? "HTTP " + result.statusCode() : result.error();
    }

    private static String truncate(String text) {
        return text == null || text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }
}
