package dev.hookbridge.inbox;

import dev.hookbridge.common.InvalidInputException;
import dev.hookbridge.common.ListOrder;
import dev.hookbridge.common.NotFoundException;
import dev.hookbridge.common.Page;
import dev.hookbridge.common.PageRequest;
import dev.hookbridge.common.TypeFilter;
import dev.hookbridge.messaging.InboundQueue;
import dev.hookbridge.messaging.QueuedEvent;
import dev.hookbridge.tracing.TraceParent;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Reads the inbox for the API and replays events: ops' view of what came in and what became of it. */
@Stateless
public class InboxService {

    private static final Logger LOG = Logger.getLogger(InboxService.class);

    @PersistenceContext
    EntityManager em;

    @EJB
    InboundQueue queue;

    /**
     * Inbox events after the cursor, in the order asked for, filtered by source, status, type (exact,
     * or a prefix ending in *) and time of receipt ({@code since} inclusive, {@code until} exclusive).
     */
    public Page<InboxEventView> list(InboxFilter filter, PageRequest page, ListOrder order) {
        InboxStatus wanted = parseStatus(filter.status());
        StringBuilder jpql = new StringBuilder("select e from InboxEvent e where e.id " + order.comparison() + " :after");
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("after", order.bound(page.afterId()));
        if (filter.source() != null && !filter.source().isBlank()) {
            jpql.append(" and e.source = :source");
            parameters.put("source", filter.source());
        }
        if (wanted != null) {
            jpql.append(" and e.status = :status");
            parameters.put("status", wanted);
        }
        TypeFilter type = TypeFilter.parse(filter.type());
        if (type != null) {
            if (type.isPrefix()) {
                jpql.append(" and e.eventType like :type escape '!'");
                parameters.put("type", type.likePattern());
            } else {
                jpql.append(" and e.eventType = :type");
                parameters.put("type", type.text());
            }
        }
        if (filter.since() != null) {
            jpql.append(" and e.receivedAt >= :since");
            parameters.put("since", filter.since());
        }
        if (filter.until() != null) {
            jpql.append(" and e.receivedAt < :until");
            parameters.put("until", filter.until());
        }
        jpql.append(" order by e.id ").append(order.direction());
        TypedQuery<InboxEvent> query = em.createQuery(jpql.toString(), InboxEvent.class).setMaxResults(page.limit() + 1);
        parameters.forEach(query::setParameter);
        return Page.of(query.getResultList(), page.limit(), e -> Long.toString(e.getId()), InboxEventView::summary);
    }

    public InboxEventView get(String id) {
        return InboxEventView.detail(find(id));
    }

    /** Queues the event for processing again, whatever its status; processing runs as for a new event. */
    public void replay(String id) {
        InboxEvent event = find(id);
        queue.sendReplay(new QueuedEvent(event.getId(), event.getSource(), event.getEventId(), event.getEventType(), null,
                TraceParent.current()));
        LOG.infof("Replay requested inboxId=%d source=%s eventId=%s", event.getId(), event.getSource(), event.getEventId());
    }

    private InboxEvent find(String id) {
        long key;
        try {
            key = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundException("no inbox event with id '" + id + "'");
        }
        InboxEvent event = em.find(InboxEvent.class, key);
        if (event == null) {
            throw new NotFoundException("no inbox event with id '" + id + "'");
        }
        return event;
    }

    private static InboxStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return InboxStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("status", InboxStatus.RULE);
        }
    }
}
