package dev.hookbridge.inbox;

import dev.hookbridge.cluster.ClusterTurns;
import dev.hookbridge.json.JsonProcessing;
import dev.hookbridge.messaging.BrokerManagement;
import dev.hookbridge.messaging.JmsNames;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Sends back to {@code webhooks.inbound} the dead-lettered messages of inbox events that are still
 * {@code RECEIVED}, so their processing resumes by itself.
 *
 * Such a pair exists only when PostgreSQL was unreachable for longer than the inbound redelivery
 * budget: every delivery failed, the broker dead-lettered the message, and the failure could not be
 * recorded, so the row never read {@code DEAD}. (An event that really failed its deliveries is marked
 * {@code DEAD} before its message reaches the DLQ, and stays there for ops.) The broker restarts the
 * delivery count of a moved message, and processing skips events already processed, so a move has no
 * effect twice.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class StrandedEventRescue {

    private static final Logger LOG = Logger.getLogger(StrandedEventRescue.class);
    /** Ids per broker call: the filter names each one. */
    private static final int CHUNK = 200;
    /** Chunks per run, so one run stays short however large a backlog is; the next run carries on. */
    private static final int MAX_CHUNKS_PER_RUN = 50;

    private static final String RECEIVED_BEFORE = """
            select id from inbox_event
             where status = 'RECEIVED' and id > ?1 and received_at < ?2
             order by id
             limit ?3""";

    /** The job's name, in the timer and among the cluster's turns. */
    static final String JOB = "stranded-event-rescue";

    @Resource
    TimerService timers;

    @EJB
    ClusterTurns turns;

    @EJB
    BrokerManagement broker;

    @PersistenceContext
    EntityManager em;

    @Inject
    @ConfigProperty(name = "hookbridge.inbound.rescue-interval")
    Duration interval;

    private final AtomicBoolean running = new AtomicBoolean();

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(interval.toMillis(), interval.toMillis(), new TimerConfig(JOB, false));
    }

    /** Runs on one node of the cluster at a time: the one that takes the turn (the others would move nothing more). */
    @Timeout
    void onTimer() {
        try {
            if (turns.take(JOB, interval)) {
                rescue();
            }
        } catch (JMSException | RuntimeException e) {
            // The broker or the database is still away: nothing moved, the next run tries again.
            LOG.debugf("Stranded event rescue skipped this run: %s", e.toString());
        }
    }

    /**
     * Moves the DLQ messages of events still RECEIVED (received before the last run began) back to
     * {@code webhooks.inbound}; returns how many messages moved. Does nothing while the DLQ is empty.
     */
    public long rescue() throws JMSException {
        if (!running.compareAndSet(false, true)) {
            return 0;
        }
        try {
            String dlq = BrokerManagement.queueResource(JmsNames.INBOUND_DLQ_ADDRESS);
            if (((JsonNumber) broker.attribute(dlq, "messageCount")).longValue() == 0) {
                return 0;
            }
            // Only rows older than one interval: a younger row's message is normally still on its way.
            Timestamp receivedBefore = Timestamp.from(Instant.now().minus(interval));
            long moved = 0;
            long after = 0;
            for (int chunk = 0; chunk < MAX_CHUNKS_PER_RUN; chunk++) {
                List<Long> ids = receivedIds(after, receivedBefore);
                if (ids.isEmpty()) {
                    break;
                }
                moved += moveBack(dlq, ids);
                after = ids.get(ids.size() - 1);
            }
            if (moved > 0) {
                LOG.warnf("Moved %d dead-lettered messages of events still RECEIVED back to %s: their deliveries had "
                        + "failed while the database was unreachable", moved, JmsNames.INBOUND_ADDRESS);
            }
            return moved;
        } finally {
            running.set(false);
        }
    }

    private List<Long> receivedIds(long after, Timestamp receivedBefore) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery(RECEIVED_BEFORE)
                .setParameter(1, after)
                .setParameter(2, receivedBefore)
                .setParameter(3, CHUNK)
                .getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    private long moveBack(String dlq, List<Long> ids) throws JMSException {
        // A single event's message carries the inbox id as a string property (InboundQueue). A group
        // message reaches the DLQ only if splitting it failed every time; its events are still
        // RECEIVED, and moved back it is processed or split again.
        String filter = JmsNames.PROPERTY_INBOX_ID + " IN ("
                + ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(",")) + ")"
                + " OR " + JmsNames.PROPERTY_EVENT_COUNT + " IS NOT NULL";
        JsonValue moved = broker.invoke(dlq, "moveMessages",
                JsonProcessing.PROVIDER.createArrayBuilder().add(filter).add(JmsNames.INBOUND_ADDRESS).build());
        return ((JsonNumber) moved).longValue();
    }
}
