package dev.hookbridge.outbox;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Duration;

/**
 * The rate-limited endpoints' token buckets ({@link TokenBucket}), kept in the database so that every
 * node takes from the same one: an endpoint gets its {@code rateLimitPerSecond} from the whole
 * cluster, however many nodes send to it. The database's clock is the only clock involved, so nodes
 * whose clocks differ still agree. Each take is its own short transaction that locks the endpoint's
 * row; nodes taking for the same endpoint at once take one after the other.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class EndpointRateBudget {

    @PersistenceContext
    EntityManager em;

    /** Takes tokens for {@code wanted} deliveries to the endpoint; see {@link TokenBucket#take}. */
    public TokenBucket.Taken take(String endpointId, int ratePerSecond, int wanted) {
        // A new bucket starts full, as a node's own bucket did.
        em.createNativeQuery("""
                        insert into endpoint_rate_bucket (endpoint_id, tokens, refilled_at) values (?1, ?2, clock_timestamp())
                        on conflict (endpoint_id) do nothing""")
                .setParameter(1, endpointId)
                .setParameter(2, (double) ratePerSecond)
                .executeUpdate();
        Object[] bucket = (Object[]) em.createNativeQuery("""
                        select tokens, (extract(epoch from clock_timestamp() - refilled_at) * 1000000)::bigint
                          from endpoint_rate_bucket where endpoint_id = ?1 for update""")
                .setParameter(1, endpointId)
                .getSingleResult();
        long elapsedMicros = ((Number) bucket[1]).longValue();
        double tokens = TokenBucket.refilled(((Number) bucket[0]).doubleValue(), Duration.ofNanos(elapsedMicros * 1000), ratePerSecond);
        TokenBucket.Taken taken = TokenBucket.take(tokens, ratePerSecond, wanted);
        // The bucket moves on by exactly the time it was refilled for, so no interval is counted twice or lost.
        em.createNativeQuery("""
                        update endpoint_rate_bucket set tokens = ?2, refilled_at = refilled_at + ?3 * interval '1 microsecond'
                         where endpoint_id = ?1""")
                .setParameter(1, endpointId)
                .setParameter(2, taken.tokensLeft())
                .setParameter(3, elapsedMicros)
                .executeUpdate();
        return taken;
    }
}
