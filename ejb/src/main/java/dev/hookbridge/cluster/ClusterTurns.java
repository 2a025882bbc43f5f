package dev.hookbridge.cluster;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Duration;

/**
 * Turns at jobs that every node schedules but one node at a time should run (retention, the
 * stranded-event rescue): running them on every node would only repeat the same work. A node takes
 * the job's turn when its timer fires and the last turn has lapsed; the turn lasts a little less than
 * the timer's interval, so the node that has it usually takes the next one too, and when it stops
 * another node's timer takes over within one interval. Decided by one conditional upsert in its own
 * transaction: of nodes racing for a lapsed turn, exactly one gets it.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ClusterTurns {

    /** This node's name in the table: the transaction node id the stack gives it, else WildFly's node name. */
    static final String NODE = System.getProperty("hookbridge.node.id", System.getProperty("jboss.node.name", "unknown"));

    @PersistenceContext
    EntityManager em;

    /** Whether this node takes the turn at {@code job}, scheduled every {@code interval}; if so, it runs the job now. */
    public boolean take(String job, Duration interval) {
        return take(job, NODE, turnLength(interval));
    }

    /** Whether {@code node} takes the turn at {@code job} for {@code length}: no one has it, or the last turn lapsed. */
    public boolean take(String job, String node, Duration length) {
        return em.createNativeQuery("""
                        insert into cluster_turn (job, node, taken_at, next_at) values (?1, ?2, now(), now() + ?3 * interval '1 millisecond')
                        on conflict (job) do update
                           set node = excluded.node, taken_at = excluded.taken_at, next_at = excluded.next_at,
                               turns = cluster_turn.turns + 1
                         where cluster_turn.next_at <= now()""")
                .setParameter(1, job)
                .setParameter(2, node)
                .setParameter(3, length.toMillis())
                .executeUpdate() == 1;
    }

    /**
     * A turn ends a tenth of the interval (at most five seconds) before the holder's timer fires again,
     * so that a timer firing a little late never finds its own turn still running and skips a run.
     */
    static Duration turnLength(Duration interval) {
        Duration margin = interval.dividedBy(10);
        Duration cap = Duration.ofSeconds(5);
        return interval.minus(margin.compareTo(cap) > 0 ? cap : margin);
    }
}
