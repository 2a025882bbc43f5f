package dev.hookbridge.inbox;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

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

    /** @param lastDelivery the broker will not deliver again: the row becomes DEAD */
    public void record(long inboxId, int delivery, boolean lastDelivery, Throwable failure) {
        em.createNativeQuery("""
                        update inbox_event
                           set attempts = ?2, last_error = ?3,
                               status = case when ?4 then 'DEAD' else status end
                         where id = ?1""")
                .setParameter(1, inboxId)
                .setParameter(2, delivery)
                .setParameter(3, describe(failure))
                .setParameter(4, lastDelivery)
                .executeUpdate();
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
