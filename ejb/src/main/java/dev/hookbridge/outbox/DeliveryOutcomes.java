package dev.hookbridge.outbox;

import dev.hookbridge.common.Datasource;
import dev.hookbridge.common.SqlValues;
import dev.hookbridge.endpoint.EndpointService;
import dev.hookbridge.json.JsonProcessing;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
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
 * then DELIVERED, a retry at the next time of the schedule, or DEAD (announced on
 * webhooks.outbound.dead in the same transaction). A 410 Gone disables the endpoint. Successes,
 * the common case, are recorded in groups ({@link #recordDelivered}): one transaction and one JDBC
 * batch for many.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class DeliveryOutcomes {

    private static final Logger LOG = Logger.getLogger(DeliveryOutcomes.class);
    private static final int MAX_ERROR_LENGTH = 2000;

    private static final String INSERT_ATTEMPT = """
            insert into delivery_attempt (delivery_id, attempted_at, status_code, latency_ms, response_excerpt, error)
            values (?, ?, ?, ?, ?, null)""";
    private static final String MARK_DELIVERED = """
            update delivery set status = 'DELIVERED', attempts = ?, claimed_until = null, last_status_code = ?,
                   last_error = null, delivered_at = now()
             where id = ? and status = 'PENDING'""";
    /**
     * The endpoint's health after a success: no longer failing, and the time of its last success.
     * A steady stream of successes writes the endpoint row at most about once a second (not once
     * per delivery), so concurrent outcomes for one endpoint rarely queue on its row lock.
     */
    private static final String NOTE_SUCCESS = """
            update endpoint set failing_since = null, consecutive_failures = 0, last_success_at = ?
             where id = ? and (failing_since is not null or consecutive_failures > 0 or last_success_at is null
                               or last_success_at < ?)""";

    @PersistenceContext
    EntityManager em;

    /** The persistence unit's datasource; a connection taken from it inside the transaction is enlisted in it. */
    @Resource(lookup = Datasource.JNDI_NAME)
    DataSource dataSource;

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

    /**
     * Records a group of successful attempts in one transaction: their attempt rows, DELIVERED, and
     * each endpoint's health once. Rows are written in delivery id order, then endpoints in id order,
     * so two groups (of this node or another) never wait on each other in a cycle.
     */
    public void recordDelivered(List<DeliveredAttempt> group) {
        List<DeliveredAttempt> byId = group.stream()
                .sorted(Comparator.comparingLong(attempt -> attempt.delivery().deliveryId())).toList();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insertAttempt = connection.prepareStatement(INSERT_ATTEMPT);
             PreparedStatement markDelivered = connection.prepareStatement(MARK_DELIVERED);
             PreparedStatement noteSuccess = connection.prepareStatement(NOTE_SUCCESS)) {
            for (DeliveredAttempt attempt : byId) {
                ClaimedDelivery delivery = attempt.delivery();
                AttemptResult result = attempt.result();
                insertAttempt.setLong(1, delivery.deliveryId());
                insertAttempt.setTimestamp(2, Timestamp.from(result.attemptedAt()));
                insertAttempt.setInt(3, result.statusCode());
                insertAttempt.setInt(4, (int) result.latencyMillis());
                insertAttempt.setString(5, result.responseExcerpt());
                insertAttempt.addBatch();
                markDelivered.setInt(1, delivery.attemptsMade() + 1);
                markDelivered.setInt(2, result.statusCode());
                markDelivered.setLong(3, delivery.deliveryId());
                markDelivered.addBatch();
            }
            insertAttempt.executeBatch();
            int[] updated = markDelivered.executeBatch();
            Map<String, Instant> lastSuccess = new TreeMap<>(); // endpoints in id order, as above
            for (int i = 0; i < byId.size(); i++) {
                ClaimedDelivery delivery = byId.get(i).delivery();
                AttemptResult result = byId.get(i).result();
                if (updated[i] == 0) {
                    notPending(delivery);
                    continue;
                }
                lastSuccess.merge(delivery.target().endpointId(), result.attemptedAt(), (a, b) -> a.isAfter(b) ? a : b);
                LOG.infof("Delivered deliveryId=%d eventId=%s endpointId=%s status=%d attempt=%d", delivery.deliveryId(),
                        delivery.eventId(), delivery.target().endpointId(), result.statusCode(), delivery.attemptsMade() + 1);
            }
            for (Map.Entry<String, Instant> endpoint : lastSuccess.entrySet()) {
                noteSuccess.setTimestamp(1, Timestamp.from(endpoint.getValue()));
                noteSuccess.setString(2, endpoint.getKey());
                noteSuccess.setTimestamp(3, Timestamp.from(endpoint.getValue().minusSeconds(1)));
                noteSuccess.addBatch();
            }
            noteSuccess.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("recording " + group.size() + " delivered attempts failed: " + e.getMessage(), e);
        }
    }

    /** Records an attempt that did not deliver (see {@link #recordDelivered} for those that did). */
    public void recordFailed(ClaimedDelivery delivery, AttemptResult result) {
        if (result.delivered()) {
            throw new IllegalArgumentException("deliveryId=" + delivery.deliveryId() + " was delivered: record it with recordDelivered");
        }
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
            notPending(delivery);
        }
        return updated == 1;
    }

    private static void notPending(ClaimedDelivery delivery) {
        LOG.infof("Outcome of deliveryId=%d not applied: it is no longer pending (endpoint deleted?)", delivery.deliveryId());
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
        if (result.statusCode() == null) {
            return result.error();
        }
        return "HTTP " + result.statusCode() + (result.error() == null ? "" : ": " + result.error());
    }

    private static String truncate(String text) {
        return text == null || text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }
}
