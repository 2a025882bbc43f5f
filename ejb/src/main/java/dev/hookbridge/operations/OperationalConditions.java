package dev.hookbridge.operations;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Conditions watched by every node's timers (the inbound DLQ holding messages, the outbound backlog
 * growing old) whose beginning is an operational event. Each node reports what it sees; the row of
 * the condition, flipped by a conditional update in this transaction (REQUIRES_NEW), makes exactly
 * one report announce the beginning, however many nodes see it. A condition that ends is reset
 * silently, so its next beginning is announced again.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class OperationalConditions {

    @PersistenceContext
    EntityManager em;

    @EJB
    OperationalEvents operations;

    /**
     * Reports whether the condition named {@code condition} holds now; when this report begins it,
     * raises {@code event}. Answers whether this report announced it.
     */
    public boolean report(String condition, boolean holds, OperationalEvent event) {
        if (!holds) {
            em.createNativeQuery("update operational_condition set active = false, changed_at = now() where name = ?1 and active")
                    .setParameter(1, condition)
                    .executeUpdate();
            return false;
        }
        int begun = em.createNativeQuery("""
                        insert into operational_condition (name, active, changed_at) values (?1, true, now())
                        on conflict (name) do update set active = true, changed_at = now()
                         where not operational_condition.active""")
                .setParameter(1, condition)
                .executeUpdate();
        if (begun == 1) {
            operations.raise(event);
        }
        return begun == 1;
    }
}
