package dev.hookbridge.inbox;

import dev.hookbridge.json.Json;
import dev.hookbridge.messaging.InboundQueue;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.jboss.logging.Logger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Stores a verified webhook in the inbox and queues it on {@code webhooks.inbound} in ONE JTA
 * transaction (the database and the broker are both XA resources), so the caller may answer 2xx only
 * once both are committed. The unique (source, event id) key makes every later or concurrent copy a
 * duplicate that stores and sends nothing.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class InboxWriter {

    private static final Logger LOG = Logger.getLogger(InboxWriter.class);

    // A racing copy waits on the unique index until the first commits, then inserts nothing.
    private static final String INSERT = """
            insert into inbox_event (source, event_id, event_type, status, body, body_sha256, content_type,
                                     headers, received_at, attempts, conflicts)
            values (?1, ?2, ?3, 'RECEIVED', ?4, ?5, ?6, ?7, ?8, 0, 0)
            on conflict (source, event_id) do nothing
            returning id
            """;

    @PersistenceContext
    EntityManager em;

    @EJB
    InboundQueue queue;

    public IntakeOutcome.Accepted store(InboundWebhook webhook) {
        byte[] digest = sha256(webhook.body());
        List<?> inserted = em.createNativeQuery(INSERT)
                .setParameter(1, webhook.source())
                .setParameter(2, webhook.eventId())
                .setParameter(3, webhook.eventType())
                .setParameter(4, webhook.body())
                .setParameter(5, digest)
                .setParameter(6, webhook.contentType())
                .setParameter(7, Json.JSONB.toJson(webhook.headers()))
                .setParameter(8, Timestamp.from(Instant.now()))
                .getResultList();
        if (inserted.isEmpty()) {
            return duplicate(webhook, digest);
        }
        long inboxId = ((Number) inserted.get(0)).longValue();
        queue.send(inboxId, webhook.source(), webhook.eventId(), webhook.eventType(), webhook.orderingGroup(), false);
        LOG.infof("Accepted webhook source=%s eventId=%s inboxId=%d type=%s", webhook.source(), webhook.eventId(),
                inboxId, webhook.eventType());
        return new IntakeOutcome.Accepted(inboxId, webhook.eventId(), false);
    }

    private IntakeOutcome.Accepted duplicate(InboundWebhook webhook, byte[] digest) {
        Object[] stored = (Object[]) em.createNativeQuery(
                        "select id, body_sha256 from inbox_event where source = ?1 and event_id = ?2")
                .setParameter(1, webhook.source())
                .setParameter(2, webhook.eventId())
                .getSingleResult();
        long inboxId = ((Number) stored[0]).longValue();
        if (!Arrays.equals((byte[]) stored[1], digest)) {
            // Answered like any duplicate so the provider stops retrying; ops see the count and this line.
            em.createNativeQuery("update inbox_event set conflicts = conflicts + 1 where id = ?1")
                    .setParameter(1, inboxId)
                    .executeUpdate();
            LOG.warnf("Conflicting duplicate source=%s eventId=%s inboxId=%d: same event id, different body; kept the first",
                    webhook.source(), webhook.eventId(), inboxId);
        } else {
            LOG.debugf("Duplicate source=%s eventId=%s inboxId=%d", webhook.source(), webhook.eventId(), inboxId);
        }
        return new IntakeOutcome.Accepted(inboxId, webhook.eventId(), true);
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
