package dev.hookbridge.retention;

import dev.hookbridge.outbox.OutboxStore;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * Deletes one batch of old, finished rows per call, each in a short transaction of its own
 * (REQUIRES_NEW). Rows are picked with FOR UPDATE SKIP LOCKED: a row another transaction holds
 * (a dispatcher recording an attempt, a replay, another node's purge) is skipped, never waited
 * for, so several nodes purge side by side and no batch holds locks for long.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class PurgeBatches {

    // The oldest rows first, using the partial index of V3__retention.sql. The outbox's purges are
    // OutboxStore's, which holds every statement on the outbox tables.
    private static final String PURGE_INBOX = """
            delete from inbox_event where id in (
                select id from inbox_event
                 where status = 'PROCESSED' and processed_at < ?1
                 order by processed_at
                 limit ?2
                 for update skip locked)""";

    @PersistenceContext
    EntityManager em;

    @EJB
    OutboxStore outbox;

    /** Processed inbox events older than the cut-off; RECEIVED and DEAD ones stay. */
    public int inboxEvents(Instant cutoff, int batchSize) {
        return em.createNativeQuery(PURGE_INBOX)
                .setParameter(1, Timestamp.from(cutoff))
                .setParameter(2, batchSize)
                .executeUpdate();
    }

    /** Delivered deliveries older than the cut-off, and their attempts (which refer to them). */
    public OutboxStore.PurgedDeliveries deliveries(Instant cutoff, int batchSize) {
        return outbox.purgeDelivered(cutoff, batchSize);
    }

    /** Events older than the cut-off that no delivery refers to (all delivered and purged, or none). */
    public int events(Instant cutoff, int batchSize) {
        return outbox.purgeEvents(cutoff, batchSize);
    }
}
