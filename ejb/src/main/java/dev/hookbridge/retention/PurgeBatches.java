package dev.hookbridge.retention;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Deletes one batch of old, finished rows per call, each in a short transaction of its own
 * (REQUIRES_NEW). Rows are picked with FOR UPDATE SKIP LOCKED: a row another transaction holds
 * (a dispatcher recording an attempt, a replay, another node's purge) is skipped, never waited
 * for, so several nodes purge side by side and no batch holds locks for long.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class PurgeBatches {

    // Each picks the oldest rows first, using the partial indexes of V3__retention.sql.
    private static final String PURGE_INBOX = """
            delete from inbox_event where id in (
                select id from inbox_event
                 where status = 'PROCESSED' and processed_at < ?1
                 order by processed_at
                 limit ?2
                 for update skip locked)""";

    private static final String PICK_DELIVERIES = """
            select id from delivery
             where status = 'DELIVERED' and delivered_at < ?1
             order by delivered_at
             limit ?2
             for update skip locked""";

    // An event goes once no delivery refers to it any more: pending and dead deliveries keep their
    // event (and the foreign key requires it); so do young delivered ones until they are purged.
    private static final String PURGE_EVENTS = """
            delete from event where id in (
                select e.id from event e
                 where e.created_at < ?1
                   and not exists (select 1 from delivery d where d.event_id = e.id)
                 order by e.created_at
                 limit ?2
                 for update of e skip locked)""";

    @PersistenceContext
    EntityManager em;

    /** Processed inbox events older than the cut-off; RECEIVED and DEAD ones stay. */
    public int inboxEvents(Instant cutoff, int batchSize) {
        return em.createNativeQuery(PURGE_INBOX)
                .setParameter(1, Timestamp.from(cutoff))
                .setParameter(2, batchSize)
                .executeUpdate();
    }

    /** Delivered deliveries older than the cut-off, and their attempts (which refer to them). */
    public DeliveryBatch deliveries(Instant cutoff, int batchSize) {
        @SuppressWarnings("unchecked")
        List<Number> picked = em.createNativeQuery(PICK_DELIVERIES)
                .setParameter(1, Timestamp.from(cutoff))
                .setParameter(2, batchSize)
                .getResultList();
        if (picked.isEmpty()) {
            return new DeliveryBatch(0, 0);
        }
        List<Long> ids = picked.stream().map(Number::longValue).toList();
        int attempts = em.createNativeQuery("delete from delivery_attempt where delivery_id in (?1)")
                .setParameter(1, ids).executeUpdate();
        int deliveries = em.createNativeQuery("delete from delivery where id in (?1)")
                .setParameter(1, ids).executeUpdate();
        return new DeliveryBatch(deliveries, attempts);
    }

    /** Events older than the cut-off that no delivery refers to (all delivered and purged, or none). */
    public int events(Instant cutoff, int batchSize) {
        return em.createNativeQuery(PURGE_EVENTS)
                .setParameter(1, Timestamp.from(cutoff))
                .setParameter(2, batchSize)
                .executeUpdate();
    }

    /** What one delivery batch removed. */
    public record DeliveryBatch(int deliveries, int attempts) {
    }
}
