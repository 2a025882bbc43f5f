package dev.hookbridge.inbox;

import dev.hookbridge.operations.OperationalEvent;
import dev.hookbridge.operations.OperationalEventType;
import dev.hookbridge.operations.OperationalEvents;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Tuple;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records a failed processing attempt on the inbox row in a transaction of its own (REQUIRES_NEW),
 * because the processing transaction is about to roll back and would take the record with it.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ProcessingFailures {

    private static final int MAX_ERROR_LENGTH = 4000;

    @PersistenceContext
    EntityManager em;

    @EJB
    OperationalEvents operations;

    /**
     * @param lastDelivery the broker will not deliver again: the row becomes DEAD, announced as the
     *                     operational event {@code inbound.dead} when it was not DEAD already
     */
    public void record(long inboxId, int delivery, boolean lastDelivery, Throwable failure) {
        String error = describe(failure);
        em.createNativeQuery("update inbox_event set attempts = ?2, last_error = ?3 where id = ?1")
                .setParameter(1, inboxId)
                .setParameter(2, delivery)
                .setParameter(3, error)
                .executeUpdate();
        if (!lastDelivery) {
            return;
        }
        // The update above holds the row's lock: of two recordings, only the first finds it not DEAD.
        @SuppressWarnings("unchecked")
        List<Tuple> madeDead = em.createNativeQuery("""
                        update inbox_event set status = 'DEAD' where id = ?1 and status <> 'DEAD'
                        returning source, event_id, event_type""", Tuple.class)
                .setParameter(1, inboxId)
                .getResultList();
        for (Tuple row : madeDead) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("inboxId", Long.toString(inboxId));
            fields.put("source", row.get("source", String.class));
            fields.put("eventId", row.get("event_id", String.class));
            fields.put("eventType", row.get("event_type", String.class));
            fields.put("attemptCount", delivery);
            fields.put("lastError", error);
            operations.raise(OperationalEvent.withoutEndpoint(OperationalEventType.INBOUND_DEAD, "/dashboard/#/inbox/" + inboxId,
                    fields));
        }
    }

    /** The innermost cause is the one that says what went wrong; containers wrap it several times. */
    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getClass().getSimpleName() + ": " + root.getMessage();
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
    }
}
