package dev.hookbridge.portal;

import dev.hookbridge.common.InvalidInputException;
import dev.hookbridge.common.NotFoundException;
import dev.hookbridge.customer.Customer;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Opens portal sessions for the shop and tells the API whose a presented token is. A token is valid
 * until it expires or its customer is deleted; the shop embeds a new one when its customer comes back.
 */
@Stateless
public class PortalSessions {

    private static final Logger LOG = Logger.getLogger(PortalSessions.class);
    static final Duration SHORTEST = Duration.ofMinutes(1);
    static final Duration LONGEST = Duration.ofDays(1);

    @PersistenceContext
    EntityManager em;

    @Inject
    @ConfigProperty(name = "hookbridge.portal.session-lifetime")
    Duration defaultLifetime;

    /**
     * A new session for the customer, lasting {@code lifetime} (null: the configured default).
     * Expired sessions are deleted on the way: they open nothing, and this keeps the table small.
     */
    public PortalSession open(String customerId, Duration lifetime) {
        Duration chosen = lifetime == null ? defaultLifetime : lifetime;
        if (chosen.compareTo(SHORTEST) < 0 || chosen.compareTo(LONGEST) > 0) {
            throw new InvalidInputException("lifetime", "lifetime must be from " + SHORTEST + " to " + LONGEST
                    + " (an ISO-8601 duration such as PT30M)");
        }
        if (em.find(Customer.class, customerId) == null) {
            throw new NotFoundException("no customer with id '" + customerId + "'");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        em.createNativeQuery("delete from portal_session where expires_at < ?1")
                .setParameter(1, Timestamp.from(now))
                .executeUpdate();
        String token = PortalTokens.next();
        Instant expiresAt = now.plus(chosen).truncatedTo(ChronoUnit.SECONDS);
        em.createNativeQuery("insert into portal_session (token_sha256, customer_id, created_at, expires_at) values (?1, ?2, ?3, ?4)")
                .setParameter(1, PortalTokens.sha256(token))
                .setParameter(2, customerId)
                .setParameter(3, Timestamp.from(now))
                .setParameter(4, Timestamp.from(expiresAt))
                .executeUpdate();
        LOG.infof("Portal session opened for customer %s until %s", customerId, expiresAt);
        return new PortalSession(token, customerId, expiresAt);
    }

    /** The customer a token opens, if it is a token of a session that has not expired. */
    public Optional<PortalCaller> caller(String token) {
        if (!PortalTokens.wellFormed(token)) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select s.customer_id, c.name, s.expires_at, c.created_at from portal_session s join customer c on c.id = s.customer_id
                        where s.token_sha256 = ?1 and s.expires_at > ?2""")
                .setParameter(1, PortalTokens.sha256(token))
                .setParameter(2, Timestamp.from(Instant.now()))
                .getResultList();
        return rows.stream().findFirst().map(row -> new PortalCaller((String) row[0], (String) row[1], instant(row[2]), instant(row[3])));
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime time) {
            return time.toInstant();
        }
        return (Instant) value;
    }
}
