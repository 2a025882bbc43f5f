package dev.hookbridge.inbox;

import dev.hookbridge.endpoint.Endpoint;
import dev.hookbridge.endpoint.EndpointService;
import dev.hookbridge.messaging.EventsTopic;
import dev.hookbridge.observability.GatewayMetrics;
import dev.hookbridge.outbox.EventPublisher;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;


/**
 * Processes one inbox event inside the consuming MDB's transaction (MANDATORY): in-app observers,
 * the publication on {@code webhooks.events}, the routing to outbound endpoints that asked for its
 * source, and the PROCESSED mark commit together or not at all.
 *
 * The inbox row is read without a lock and marked last, with a conditional update: a failure
 * before that leaves the row unlocked, so {@link ProcessingFailures} can record it in its own
 * transaction while this one (suspended, about to roll back) is still open.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class InboundEventProcessing {

    private static final Logger LOG = Logger.getLogger(InboundEventProcessing.class);

    @PersistenceContext
    EntityManager em;

    @EJB
    EventsTopic eventsTopic;

    @EJB
    EventPublisher outbound;

    @EJB
    EndpointService endpoints;

    @Inject
    Event<InboundEvent> inboundEvents;

    @Inject
    GatewayMetrics metrics;

    @Resource
    TransactionSynchronizationRegistry transaction;

    /**
     * Processes the events of a group message, on its first delivery, in the current transaction: all
     * or none. The rows are read in one query, the endpoints once for all, and the rows marked in one
     * statement; events already processed are skipped as a single message would skip them.
     */
    public void processGroup(List<Long> inboxIds) {
        List<InboxEvent> events = em.createQuery("select e from InboxEvent e where e.id in :ids order by e.id", InboxEvent.class)
                .setParameter("ids", inboxIds)
                .getResultList();
        if (events.size() != inboxIds.size()) {
            throw new IllegalStateException("of the inbox events " + inboxIds + " only " + events.size() + " exist");
        }
        List<Endpoint> allEndpoints = endpoints.all();
        List<InboxEvent> processed = new ArrayList<>(events.size());
        for (InboxEvent event : events) {
            if (event.getStatus() == InboxStatus.PROCESSED) {
                LOG.infof("Skipped already processed inboxId=%d source=%s eventId=%s", event.getId(), event.getSource(), event.getEventId());
                continue;
            }
            publish(event, false, allEndpoints);
            processed.add(event);
        }
        if (processed.isEmpty()) {
            return;
        }
        List<Long> processedIds = processed.stream().map(InboxEvent::getId).toList();
        int marked = em.createNativeQuery("""
                        update inbox_event set status = 'PROCESSED', processed_at = now(), attempts = 1
                         where id in (?1) and status <> 'PROCESSED'""")
                .setParameter(1, processedIds)
                .executeUpdate();
        if (marked != processed.size()) {
            // Another delivery processed some meanwhile; rolling back withdraws this group's publications.
            throw new IllegalStateException((processed.size() - marked) + " of the inbox events " + processedIds
                    + " were processed concurrently");
        }
        for (InboxEvent event : processed) {
            LOG.infof("Processed inboxId=%d source=%s eventId=%s delivery=1 (group of %d)", event.getId(),
                    event.getSource(), event.getEventId(), events.size());
            recordLatencyOnCommit(event.getSource(), event.getReceivedAt());
        }
    }

    /** What processing does before the mark: in-app observers, the topic, the outbound routing. */
    private void publish(InboxEvent event, boolean replay, List<Endpoint> allEndpoints) {
        inboundEvents.fire(new InboundEvent(event.getId(), event.getSource(), event.getEventId(), event.getEventType(),
                event.getBody(), event.getContentType(), replay));
        eventsTopic.publish(event.getId(), event.getSource(), event.getEventId(), event.getEventType(), event.getBody());
        outbound.routeInbound(event.getId(), event.getSource(), event.getEventType(), event.getBody(), allEndpoints);
    }

    /**
     * @param delivery the broker's delivery count of this message (1 on the first try)
     * @param replay   a manual replay: process even if already processed
     */
    public void process(long inboxId, int delivery, boolean replay) {
        InboxEvent event = em.find(InboxEvent.class, inboxId);
        if (event == null) {
            throw new IllegalStateException("inbox event " + inboxId + " does not exist");
        }
        if (event.getStatus() == InboxStatus.PROCESSED && !replay) {
            // A copy of an already processed event (e.g. redelivered after a lost acknowledgement): no effect.
            LOG.infof("Skipped already processed inboxId=%d source=%s eventId=%s", inboxId, event.getSource(), event.getEventId());
            return;
        }
        publish(event, replay, endpoints.all());
        int marked = em.createNativeQuery("""
                        update inbox_event set status = 'PROCESSED', processed_at = now(), attempts = ?2
                         where id = ?1 and (status <> 'PROCESSED' or ?3)""")
                .setParameter(1, inboxId)
                .setParameter(2, delivery)
                .setParameter(3, replay)
                .executeUpdate();
        if (marked == 0) {
            // Another delivery processed it meanwhile; rolling back withdraws this publication.
            throw new IllegalStateException("inbox event " + inboxId + " was processed concurrently");
        }
        LOG.infof("Processed inboxId=%d source=%s eventId=%s delivery=%d%s", inboxId, event.getSource(),
                event.getEventId(), delivery, replay ? " (replay)" : "");
        if (!replay) {
            recordLatencyOnCommit(event.getSource(), event.getReceivedAt());
        }
    }

    /** Processing latency counts only processing that committed (a rollback is redelivered and counted then). */
    private void recordLatencyOnCommit(String source, Instant receivedAt) {
        transaction.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    metrics.processed(source, Duration.between(receivedAt, Instant.now()));
                }
            }
        });
    }
}
