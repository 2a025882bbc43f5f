package dev.hookbridge.inbox;

import dev.hookbridge.common.InvalidInputException;
import dev.hookbridge.common.NotFoundException;
import dev.hookbridge.common.Page;
import dev.hookbridge.common.PageRequest;
import dev.hookbridge.messaging.InboundQueue;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import org.jboss.logging.Logger;

import java.util.Locale;

/** Reads the inbox for the API and replays events: ops' view of what came in and what became of it. */
@Stateless
public class InboxService {

    private static final Logger LOG = Logger.getLogger(InboxService.class);

    @PersistenceContext
    EntityManager em;

    @EJB
    InboundQueue queue;

    public Page<InboxEventView> list(String source, String status, PageRequest page) {
        InboxStatus wanted = parseStatus(status);
        StringBuilder jpql = new StringBuilder("select e from InboxEvent e where e.id > :after");
        if (source != null && !source.isBlank()) {
            jpql.append(" and e.source = :source");
        }
        if (wanted != null) {
            jpql.append(" and e.status = :status");
        }
        jpql.append(" order by e.id");
        TypedQuery<InboxEvent> query = em.createQuery(jpql.toString(), InboxEvent.class)
                .setParameter("after", page.afterId())
                .setMaxResults(page.limit() + 1);
        if (source != null && !source.isBlank()) {
            query.setParameter("source", source);
        }
        if (wanted != null) {
            query.setParameter("status", wanted);
        }
        return Page.of(query.getResultList(), page.limit(), e -> Long.toString(e.getId()), InboxEventView::summary);
    }

    public InboxEventView get(String id) {
        return InboxEventView.detail(find(id));
    }

    /** Queues the event for processing again, whatever its status; processing runs as for a new event. */
    public void replay(String id) {
        InboxEvent event = find(id);
        queue.send(event.getId(), event.getSource(), event.getEventId(), event.getEventType(), null, true);
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
            return InboxStatus.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("status", "status must be one of RECEIVED, PROCESSED, DEAD");
        }
    }
}
