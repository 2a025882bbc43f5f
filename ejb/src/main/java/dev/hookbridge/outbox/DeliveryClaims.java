package dev.hookbridge.outbox;

import dev.hookbridge.common.SqlValues;
import dev.hookbridge.endpoint.DeliveryTarget;
import dev.hookbridge.endpoint.Endpoint;
import dev.hookbridge.endpoint.EndpointService;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Claims due deliveries for one dispatcher pass, in a short transaction of its own. FOR UPDATE SKIP
 * LOCKED lets several nodes claim at once without waiting on or taking each other's rows; the lease
 * ({@code claimed_until}) hands a dead node's claims to the others once it has passed.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class DeliveryClaims {

    private static final String CLAIM = """
            with due as (
                select d.id from delivery d join endpoint e on e.id = d.endpoint_id
                 where d.status = 'PENDING' and d.next_attempt_at <= now() and e.enabled
                   and (d.claimed_until is null or d.claimed_until < now())
                   and d.endpoint_id not in (?3)
                 order by d.next_attempt_at
                 limit ?1
                 for update of d skip locked)
            update delivery d set claimed_until = ?2
              from due, event ev
             where d.id = due.id and ev.id = d.event_id
            returning d.id, d.event_id, ev.type, ev.created_at, ev.data, d.attempts, d.endpoint_id""";

    @PersistenceContext
    EntityManager em;

    @EJB
    EndpointService endpoints;

    /** Claims up to {@code batchSize} due deliveries, none for the endpoints in {@code skipped}. */
    public List<ClaimedDelivery> claim(int batchSize, Duration lease, Set<String> skipped) {
        Instant now = Instant.now();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(CLAIM)
                .setParameter(1, batchSize)
                .setParameter(2, Timestamp.from(now.plus(lease)))
                // No endpoint id is empty: "not in ('')" skips none (an empty list is not valid SQL).
                .setParameter(3, skipped.isEmpty() ? List.of("") : List.copyOf(skipped))
                .getResultList();
        List<ClaimedDelivery> claimed = new ArrayList<>(rows.size());
        Map<String, DeliveryTarget> targets = new HashMap<>(); // a batch mostly goes to few endpoints: decrypt each secret once
        for (Object[] row : rows) {
            DeliveryTarget target = targets.computeIfAbsent((String) row[6],
                    endpointId -> endpoints.target(em.find(Endpoint.class, endpointId), now));
            claimed.add(new ClaimedDelivery(((Number) row[0]).longValue(), (String) row[1], (String) row[2],
                    SqlValues.instant(row[3]), (String) row[4], ((Number) row[5]).intValue(), target));
        }
        return claimed;
    }

    /** Gives claimed deliveries back unattempted and as due as they were (their endpoint had no place left). */
    public void unclaim(List<Long> deliveryIds) {
        em.createNativeQuery("update delivery set claimed_until = null where id in (?1)")
                .setParameter(1, deliveryIds).executeUpdate();
    }

    /** Gives a claimed delivery back unattempted (over its endpoint's rate), due again at {@code dueAt}. */
    public void release(long deliveryId, Instant dueAt) {
        em.createNativeQuery("update delivery set claimed_until = null, next_attempt_at = ?2 where id = ?1")
                .setParameter(1, deliveryId).setParameter(2, Timestamp.from(dueAt)).executeUpdate();
    }
}
