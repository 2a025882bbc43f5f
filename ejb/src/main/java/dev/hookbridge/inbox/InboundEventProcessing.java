package dev.hookbridge.inbox;

import dev.hookbridge.messaging.EventsTopic;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Processes one inbox event inside the consuming MDB's transaction (MANDATORY): in-app observers,
 * the publication on {@code webhooks.events} and the PROCESSED mark commit together or not at all.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class InboundEventProcessing {

    private static final Logger LOG = Logger.getLogger(InboundEventProcessing.class);

    @PersistenceContext
    EntityManager em;

    @EJB
    EventsTopic eventsTopic;

    @Inject
    Event<InboundEvent> inboundEvents;

    /**
     * @param delivery the broker's delivery count of this message (1 on the first try)
     * @param replay   a manual replay: process even if already processed
     */
    public void process(long inboxId, int delivery, boolean replay) {
        // The row lock serialises a replay with a redelivery of the same event.
        InboxEvent event = em.find(InboxEvent.class, inboxId, LockModeType.PESSIMISTIC_WRITE);
        if (event == null) {
            throw new IllegalStateException("inbox event " + inboxId + " does not exist");
        }
        if (event.getStatus() == InboxStatus.PROCESSED && !replay) {
            // A copy of an already processed event (e.g. redelivered after a lost acknowledgement): no effect.
            LOG.infof("Skipped already processed inboxId=%d source=%s eventId=%s", inboxId, event.getSource(), event.getEventId());
            return;
        }
        inboundEvents.fire(new InboundEvent(inboxId, event.getSource(), event.getEventId(), event.getEventType(),
                event.getBody(), event.getContentType(), replay));
        eventsTopic.publish(inboxId, event.getSource(), event.getEventId(), event.getEventType(), event.getBody());
        event.markProcessed(Instant.now(), delivery);
        LOG.infof("Processed inboxId=%d source=%s eventId=%s delivery=%d%s", inboxId, event.getSource(),
                event.getEventId(), delivery, replay ? " (replay)" : "");
    }
}
