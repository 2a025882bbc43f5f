package dev.hookbridge.inbox;

import dev.hookbridge.common.Sha256;
import dev.hookbridge.json.HeadersConverter;
import dev.hookbridge.messaging.InboundQueue;
import dev.hookbridge.messaging.QueuedEvent;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import org.jboss.logging.Logger;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Stores verified webhooks in the inbox and queues them on {@code webhooks.inbound} in ONE JTA
 * transaction (the database and the broker are both XA resources), so the caller may answer 2xx only
 * once both are committed. A group of webhooks shares that transaction: one insert statement and one
 * broker commit for all of them. The unique (source, event id) key makes every later or concurrent
 * copy a duplicate that stores and sends nothing, inside a group as across groups. Where the event id
 * came from a header the signature does not cover, the body is the key as well: the same signed body
 * under a new id is a replay, a duplicate too.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class InboxWriter {

    private static final Logger LOG = Logger.getLogger(InboxWriter.class);

    private static final String INSERT = """
            insert into inbox_event (source, event_id, event_type, status, body, body_sha256, content_type,
                                     headers, received_at, attempts, conflicts, event_id_signed, event_type_signed)
            values %s
            on conflict do nothing
            returning id, source, event_id
            """;
    private static final int PARAMETERS_PER_ROW = 10;

    @PersistenceContext
    EntityManager em;

    @EJB
    InboundQueue queue;

    public IntakeOutcome.Accepted store(InboundWebhook webhook) {
        return storeGroup(List.of(webhook)).get(0);
    }

    /** Stores a group in the caller's transaction; one outcome per webhook, in the group's order. */
    public List<IntakeOutcome.Accepted> storeGroup(List<InboundWebhook> group) {
        Map<EventKey, Long> inserted = insertNew(group);
        List<IntakeOutcome.Accepted> outcomes = new ArrayList<>(group.size());
        List<QueuedEvent> queued = new ArrayList<>(inserted.size());
        for (InboundWebhook webhook : group) {
            // The first copy of a key in the group is the one inserted; later copies are its duplicates.
            Long inboxId = inserted.remove(EventKey.of(webhook));
            if (inboxId == null) {
                outcomes.add(duplicate(webhook, Sha256.of(webhook.body())));
                continue;
            }
            queued.add(new QueuedEvent(inboxId, webhook.source(), webhook.eventId(), webhook.eventType(),
                    webhook.orderingGroup(), webhook.traceparent()));
            outcomes.add(new IntakeOutcome.Accepted(inboxId, webhook.eventId(), false));
        }
        queued.sort(Comparator.comparingLong(QueuedEvent::inboxId));
        queue.send(queued);
        logAccepted(queued);
        return outcomes;
    }

    /** One line per group, naming every event the way a single line would, so grep by id still finds it. */
    private static void logAccepted(List<QueuedEvent> queued) {
        if (queued.isEmpty() || !LOG.isInfoEnabled()) {
            return;
        }
        LOG.infof("Accepted webhook%s: %s", queued.size() == 1 ? "" : "s (" + queued.size() + " stored together)",
                queued.stream().map(event -> "source=" + event.source() + " eventId=" + event.eventId() + " inboxId="
                        + event.inboxId() + " type=" + event.eventType()).collect(Collectors.joining("; ")));
    }

    /**
     * Inserts the group's distinct keys in key order, so two groups that share keys take their index
     * locks in the same order (a racing copy waits for the other group's commit, then inserts nothing)
     * and never deadlock.
     */
    private Map<EventKey, Long> insertNew(List<InboundWebhook> group) {
        Map<EventKey, InboundWebhook> distinct = new TreeMap<>();
        for (InboundWebhook webhook : group) {
            distinct.putIfAbsent(EventKey.of(webhook), webhook);
        }
        String rows = IntStream.range(0, distinct.size()).mapToObj(InboxWriter::valuesRow)
                .collect(Collectors.joining(",\n       "));
        Query insert = em.createNativeQuery(INSERT.formatted(rows));
        Timestamp receivedAt = Timestamp.from(Instant.now());
        int parameter = 1;
        for (InboundWebhook webhook : distinct.values()) {
            insert.setParameter(parameter++, webhook.source())
                    .setParameter(parameter++, webhook.eventId())
                    .setParameter(parameter++, webhook.eventType())
                    .setParameter(parameter++, webhook.body())
                    .setParameter(parameter++, Sha256.of(webhook.body()))
                    .setParameter(parameter++, webhook.contentType())
                    .setParameter(parameter++, HeadersConverter.toJson(webhook.headers()))
                    .setParameter(parameter++, receivedAt)
                    .setParameter(parameter++, webhook.identity().idSigned())
                    .setParameter(parameter++, webhook.identity().typeSigned());
        }
        Map<EventKey, Long> inserted = new HashMap<>();
        for (Object row : insert.getResultList()) {
            Object[] columns = (Object[]) row;
            inserted.put(new EventKey((String) columns[1], (String) columns[2]), ((Number) columns[0]).longValue());
        }
        return inserted;
    }

    /** The row-th row of the insert: its 10 parameters, the constant columns written out. */
    private static String valuesRow(int row) {
        int p = row * PARAMETERS_PER_ROW;
        return "(?%d, ?%d, ?%d, 'RECEIVED', ?%d, ?%d, ?%d, ?%d, ?%d, 0, 0, ?%d, ?%d)"
                .formatted(p + 1, p + 2, p + 3, p + 4, p + 5, p + 6, p + 7, p + 8, p + 9, p + 10);
    }

    /** An inbox row's unique key, ordered so that every group inserts in the same order. */
    private record EventKey(String source, String eventId) implements Comparable<EventKey> {
        static EventKey of(InboundWebhook webhook) {
            return new EventKey(webhook.source(), webhook.eventId());
        }

        @Override
        public int compareTo(EventKey other) {
            int bySource = source.compareTo(other.source);
            return bySource != 0 ? bySource : eventId.compareTo(other.eventId);
        }
    }

    /**
     * The stored event this webhook repeats: the one with its id, or, when its id came from an unsigned
     * header, one whose id was unsigned too and whose body is the same (a replay under a new id).
     */
    private IntakeOutcome.Accepted duplicate(InboundWebhook webhook, byte[] digest) {
        Object[] stored = (Object[]) em.createNativeQuery("""
                        select id, body_sha256, event_id from inbox_event
                        where source = ?1
                          and (event_id = ?2 or (?3 and not event_id_signed and body_sha256 = ?4))
                        order by event_id = ?2 desc
                        limit 1
                        """)
                .setParameter(1, webhook.source())
                .setParameter(2, webhook.eventId())
                .setParameter(3, !webhook.identity().idSigned())
                .setParameter(4, digest)
                .getSingleResult();
        long inboxId = ((Number) stored[0]).longValue();
        String storedEventId = (String) stored[2];
        if (!storedEventId.equals(webhook.eventId())) {
            LOG.warnf("Replayed body source=%s eventId=%s: the same signed body as inboxId=%d (eventId=%s) under another"
                    + " id from an unsigned header; answered as its duplicate", webhook.source(), webhook.eventId(),
                    inboxId, storedEventId);
        } else if (!Arrays.equals((byte[]) stored[1], digest)) {
            // Answered like any duplicate so the provider stops retrying; ops see the count and this line.
            em.createNativeQuery("update inbox_event set conflicts = conflicts + 1 where id = ?1")
                    .setParameter(1, inboxId)
                    .executeUpdate();
            LOG.warnf("Conflicting duplicate source=%s eventId=%s inboxId=%d: same event id, different body; kept the first",
                    webhook.source(), webhook.eventId(), inboxId);
        } else {
            LOG.debugf("Duplicate source=%s eventId=%s inboxId=%d", webhook.source(), webhook.eventId(), inboxId);
        }
        return new IntakeOutcome.Accepted(inboxId, storedEventId, true);
    }
}
