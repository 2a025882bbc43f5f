package dev.hookbridge.outbox;

import dev.hookbridge.endpoint.DeliveryTarget;
import dev.hookbridge.endpoint.Endpoint;
import dev.hookbridge.endpoint.EndpointService;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Claims due deliveries for one dispatcher pass ({@link ClaimStatement}), and gives back what it
 * cannot start, each in a short transaction of its own.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class DeliveryClaims {

    @PersistenceContext
    EntityManager em;

    @EJB
    OutboxStore store;

    @EJB
    EndpointService endpoints;

    /** Claims up to {@code batchSize} due deliveries, none for the endpoints in {@code skipped}. */
    public List<ClaimedDelivery> claim(int batchSize, Duration lease, Set<String> skipped) {
        Instant now = Instant.now();
        Map<String, DeliveryTarget> targets = new HashMap<>(); // a batch mostly goes to few endpoints: decrypt each secret once
        return store.claim(batchSize, now.plus(lease), skipped, endpointId -> targets.computeIfAbsent(endpointId,
                id -> endpoints.target(em.find(Endpoint.class, id), now)));
    }

    /** Gives claimed deliveries back unattempted and as due as they were (their endpoint had no place left). */
    public void unclaim(List<Long> deliveryIds) {
        store.unclaim(deliveryIds);
    }

    /** Gives a claimed delivery back unattempted (over its endpoint's rate), due again after {@code wait}. */
    public void release(long deliveryId, Duration wait) {
        store.release(deliveryId, wait);
    }
}
