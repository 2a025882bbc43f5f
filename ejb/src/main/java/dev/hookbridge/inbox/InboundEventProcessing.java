package dev.hookbridge.inbox;

import dev.hookbridge.endpoint.Endpoint;
import dev.hookbridge.endpoint.EndpointService;
import dev.hookbridge.messaging.EventsTopic;
import dev.hookbridge.messaging.PublishedEvent;
import dev.hookbridge.messaging.QueuedEvent;
import dev.hookbridge.observability.GatewayMetrics;
import dev.hookbridge.outbox.EventPublisher;
import dev.hookbridge.tracing.TraceParent;
import dev.hookbridge.tracing.Traces;
import io.opentelemetry.context.Scope;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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
     * statement; events already processed are skipped as a single message would skip them. Each
     * event's observers and routing run in its own trace ({@link QueuedEvent#traceparent()}).
     */
    public void processGroup(List<QueuedEvent> group) {
        List<Long> inboxIds = group.stream().map(QueuedEvent::inboxId).toList();
        Map<Long, String> traceparents = new HashMap<>();
        group.stream().filter(e -> e.traceparent() != null).forEach(e -> traceparents.put(e.inboxId(), e.traceparent()));
        List<EventToProcess> events = em.createQuery(EventToProcess.SELECT + " where e.id in :ids order by e.id", EventToProcess.class)
                .setParameter("ids", inboxIds)
                .getResultList();
        if (events.size() != inboxIds.size()) {
            throw new IllegalStateException("of the inbox events " + inboxIds + " only " + events.size() + " exist");
        }
        List<Endpoint> allEndpoints = endpoints.all();
        List<EventToProcess> processed = new ArrayList<>(events.size());
        for (EventToProcess event : events) {
            if (event.status() == InboxStatus.PROCESSED) {
                LOG.infof("Skipped already processed inboxId=%d source=%s eventId=%s", event.id(), event.source(), event.eventId());
                continue;
            }
            try (Scope current = Traces.resumed(traceparents.get(event.id())).makeCurrent()) {
                notifyAndRoute(event, false, allEndpoints);
            }
            processed.add(event);
        }
        if (processed.isEmpty()) {
            return;
        }
        eventsTopic.publish(processed.stream().map(event -> published(event, traceparents.get(event.id()))).toList());
        List<Long> processedIds = processed.stream().map(EventToProcess::id).toList();
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
        // One line for the group, naming every event the way the single line does, so grep by id still finds it.
        LOG.infof("Processed %d of a group of %d delivery=1: %s", processed.size(), events.size(), processed.stream()
                .map(event -> "inboxId=" + event.id() + " source=" + event.source() + " eventId=" + event.eventId())
                .collect(Collectors.joining("; ")));
        for (EventToProcess event : processed) {
            recordLatencyOnCommit(event.source(), event.receivedAt());
        }
    }

    /** What processing does for each event before the mark, besides the topic: in-app observers, outbound routing. */
    private void notifyAndRoute(EventToProcess event, boolean replay, List<Endpoint> allEndpoints) {
        inboundEvents.fire(new InboundEvent(event.id(), event.source(), event.eventId(), event.eventType(),
                event.body(), event.contentType(), replay));
        outbound.routeInbound(event.id(), event.source(), event.eventType(), event.body(), allEndpoints);
    }

    private static PublishedEvent published(EventToProcess event, String traceparent) {
        return new PublishedEvent(event.id(), event.source(), event.eventId(), event.eventType(), event.body(), traceparent);
    }

    /**
     * @param delivery the broker's delivery count of this message (1 on the first try)
     * @param replay   a manual replay: process even if already processed
     */
    public void process(long inboxId, int delivery, boolean replay) {
        EventToProcess event = em.createQuery(EventToProcess.SELECT + " where e.id = :id", EventToProcess.class)
                .setParameter("id", inboxId)
                .getResultList().stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("inbox event " + inboxId + " does not exist"));
        if (event.status() == InboxStatus.PROCESSED && !replay) {
            // A copy of an already processed event (e.g. redelivered after a lost acknowledgement): no effect.
            LOG.infof("Skipped already processed inboxId=%d source=%s eventId=%s", inboxId, event.source(), event.eventId());
            return;
        }
        notifyAndRoute(event, replay, endpoints.all());
        eventsTopic.publish(List.of(published(event, TraceParent.current())));
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
        LOG.infof("Processed inboxId=%d source=%s eventId=%s delivery=%d%s", inboxId, event.source(),
                event.eventId(), delivery, replay ? " (replay)" : "");
        if (!replay) {
            recordLatencyOnCommit(event.source(), event.receivedAt());
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
