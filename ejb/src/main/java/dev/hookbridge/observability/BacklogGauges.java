package dev.hookbridge.observability;

import dev.hookbridge.messaging.BrokerManagement;
import dev.hookbridge.messaging.JmsNames;
import dev.hookbridge.operations.OperationalConditions;
import dev.hookbridge.outbox.DeliveryStatus;
import dev.hookbridge.operations.OperationalEvent;
import dev.hookbridge.operations.OperationalEventType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
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
import jakarta.json.JsonNumber;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The backlog gauges: deliveries PENDING and DEAD, inbox events DEAD, the depth of
 * {@code DLQ.webhooks.inbound}, and how long the oldest unprocessed inbox event and the most overdue
 * delivery have waited. A timer refreshes them every {@value #REFRESH_MILLIS} ms (indexed
 * counts and one management request to the broker), and a scrape only reads the last values, so any
 * number of scrapes costs no query. A value that could not be read is NaN until the next refresh that
 * succeeds (a stale number would hide an outage). Each refresh also reports from those values the
 * two conditions whose beginning is an operational event ({@link OperationalConditions}).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BacklogGauges {

    private static final Logger LOG = Logger.getLogger(BacklogGauges.class);
    static final long REFRESH_MILLIS = 5_000;
    private static final String QUEUE_TAG = "queue";

    @Resource
    TimerService timers;

    @PersistenceContext
    EntityManager em;

    @EJB
    BrokerManagement broker;

    @Inject
    MeterRegistry registry;

    @EJB
    OperationalConditions conditions;

    @Inject
    @ConfigProperty(name = "hookbridge.operations.inbound-dlq-depth", defaultValue = "0")
    int inboundDlqDepthThreshold;

    @Inject
    @ConfigProperty(name = "hookbridge.operations.outbound-backlog-age", defaultValue = "PT5M")
    Duration outboundBacklogAge;

    private final Values values = new Values();
    private final AtomicBoolean databaseFailing = new AtomicBoolean();
    private final AtomicBoolean brokerFailing = new AtomicBoolean();

    /** The last values read; the gauges read its fields. */
    static final class Values {
        volatile double pendingDeliveries = Double.NaN;
        volatile double deadDeliveries = Double.NaN;
        volatile double deadInboxEvents = Double.NaN;
        volatile double inboundDlqDepth = Double.NaN;
        volatile double oldestReceivedSeconds = Double.NaN;
        volatile double oldestDueSeconds = Double.NaN;
    }

    @PostConstruct
    void registerGauges() {
        // The registry holds the gauges' object weakly; this singleton holds it for as long as it lives.
        registry.gauge("hookbridge.outbound.deliveries", Tags.of("status", "PENDING"), values, v -> v.pendingDeliveries);
        registry.gauge("hookbridge.outbound.deliveries", Tags.of("status", "DEAD"), values, v -> v.deadDeliveries);
        registry.gauge("hookbridge.inbound.dead", Tags.empty(), values, v -> v.deadInboxEvents);
        registry.gauge("hookbridge.inbound.dlq.depth", Tags.of(QUEUE_TAG, JmsNames.INBOUND_DLQ_ADDRESS), values, v -> v.inboundDlqDepth);
        registry.gauge("hookbridge.inbound.oldest.received.seconds", Tags.empty(), values, v -> v.oldestReceivedSeconds);
        registry.gauge("hookbridge.outbound.oldest.due.seconds", Tags.empty(), values, v -> v.oldestDueSeconds);
        timers.createIntervalTimer(0, REFRESH_MILLIS, new TimerConfig("backlog-gauges", false));
    }

    @Timeout
    void refresh() {
        refreshDatabaseCounts();
        refreshDlqDepth();
        reportConditions();
    }

    /**
     * Reports the two watched conditions (docs/operations.md, "Operational events") from the values
     * just read; an unknown value (NaN) reports nothing. Every node reports; the first to see a
     * condition begin announces it.
     */
    private void reportConditions() {
        try {
            double depth = values.inboundDlqDepth;
            if (!Double.isNaN(depth)) {
                conditions.report(OperationalEventType.INBOUND_DLQ_GROWING.wireName(), depth > inboundDlqDepthThreshold,
                        OperationalEvent.withoutEndpoint(OperationalEventType.INBOUND_DLQ_GROWING, "/dashboard/#/inbox?status=DEAD",
                                Map.of("depth", (long) depth, "threshold", inboundDlqDepthThreshold)));
            }
            double oldestDue = values.oldestDueSeconds;
            if (!Double.isNaN(oldestDue)) {
                conditions.report(OperationalEventType.OUTBOUND_BACKLOG.wireName(), oldestDue > outboundBacklogAge.toSeconds(),
                        OperationalEvent.withoutEndpoint(OperationalEventType.OUTBOUND_BACKLOG, "/dashboard/#/deliveries?status=PENDING",
                                Map.of("oldestDueSeconds", (long) oldestDue, "threshold", outboundBacklogAge.toString())));
            }
        } catch (RuntimeException e) {
            // The database or the broker is away: the next refresh reports again.
            LOG.debugf("Operational conditions not reported this time: %s", e.toString());
        }
    }

    private void refreshDatabaseCounts() {
        try {
            // Both counts walk the (status, id) indexes over the rows of those statuses only.
            List<Object[]> deliveries = em.createQuery(
                            "select d.status, count(d) from Delivery d where d.status in :statuses group by d.status", Object[].class)
                    .setParameter("statuses", List.of(DeliveryStatus.PENDING, DeliveryStatus.DEAD))
                    .getResultList();
            double pending = 0;
            double dead = 0;
            for (Object[] row : deliveries) {
                if (row[0] == DeliveryStatus.PENDING) {
                    pending = ((Number) row[1]).doubleValue();
                } else {
                    dead = ((Number) row[1]).doubleValue();
                }
            }
            // The delivery that has waited longest past its due time (one scheduled for a later retry is not late).
            Instant oldestDue = em.createQuery(
                            "select min(d.nextAttemptAt) from Delivery d where d.status = :pending and d.nextAttemptAt <= current_timestamp",
                            Instant.class)
                    .setParameter("pending", DeliveryStatus.PENDING)
                    .getSingleResult();
            // The age in seconds of the oldest event not yet processed, 0 when nothing waits.
            Object[] inbox = (Object[]) em.createNativeQuery("""
                            select (select count(*) from inbox_event where status = 'DEAD'),
                                   (select coalesce(extract(epoch from now() - min(received_at)), 0)
                                      from inbox_event where status = 'RECEIVED')""")
                    .getSingleResult();
            values.pendingDeliveries = pending;
            values.deadDeliveries = dead;
            values.deadInboxEvents = ((Number) inbox[0]).doubleValue();
            values.oldestReceivedSeconds = Math.max(0, ((Number) inbox[1]).doubleValue());
            values.oldestDueSeconds = oldestDue == null ? 0 : Math.max(0, Duration.between(oldestDue, Instant.now()).toMillis() / 1000.0);
            if (databaseFailing.compareAndSet(true, false)) {
                LOG.info("Backlog gauges read the database again");
            }
        } catch (RuntimeException e) {
            values.pendingDeliveries = Double.NaN;
            values.deadDeliveries = Double.NaN;
            values.deadInboxEvents = Double.NaN;
            values.oldestReceivedSeconds = Double.NaN;
            values.oldestDueSeconds = Double.NaN;
            if (databaseFailing.compareAndSet(false, true)) {
                LOG.warnf("Backlog gauges cannot read the database (NaN until they can): %s", e.toString());
            }
        }
    }

    private void refreshDlqDepth() {
        try {
            JsonNumber count = (JsonNumber) broker.attribute(BrokerManagement.queueResource(JmsNames.INBOUND_DLQ_ADDRESS),
                    "messageCount");
            values.inboundDlqDepth = count.doubleValue();
            if (brokerFailing.compareAndSet(true, false)) {
                LOG.info("Backlog gauges read the broker again");
            }
        } catch (Exception e) {
            values.inboundDlqDepth = Double.NaN;
            if (brokerFailing.compareAndSet(false, true)) {
                LOG.warnf("Backlog gauges cannot ask the broker for the depth of %s (NaN until they can): %s",
                        JmsNames.INBOUND_DLQ_ADDRESS, e.toString());
            }
        }
    }
}
