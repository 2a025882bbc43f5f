package dev.hookbridge.outbox;

import dev.hookbridge.common.SqlValues;
import dev.hookbridge.common.InvalidInputException;
import dev.hookbridge.common.ListOrder;
import dev.hookbridge.common.NotFoundException;
import dev.hookbridge.common.Page;
import dev.hookbridge.common.PageRequest;
import dev.hookbridge.endpoint.Endpoint;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The delivery log for the API, and the manual fixes: retry one delivery, recover an endpoint's failures. */
@Stateless
public class DeliveryService {

    private static final Logger LOG = Logger.getLogger(DeliveryService.class);
    private static final Set<String> STATUSES = Set.of("PENDING", "DELIVERED", "DEAD");
    private static final String COLUMNS = """
            d.id, d.event_id, ev.type as event_type, d.endpoint_id, d.status, d.attempts, d.next_attempt_at, d.last_status_code,
            d.last_error, d.created_at, d.delivered_at""";

    @PersistenceContext
    EntityManager em;

    @EJB
    OutboxStore store;

    @Inject
    Event<DeliveriesCreated> deliveriesCreated;

    public Page<DeliveryView> list(String endpointId, String status, String eventId, PageRequest page, ListOrder order) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from delivery d join event ev on ev.id = d.event_id where d.id "
                + order.comparison() + " ?1");
        List<Object> parameters = new ArrayList<>(List.of(order.bound(page.afterId())));
        if (endpointId != null && !endpointId.isBlank()) {
            parameters.add(endpointId);
            sql.append(" and d.endpoint_id = ?").append(parameters.size());
        }
        if (status != null && !status.isBlank()) {
            String wanted = status.toUpperCase(Locale.ROOT);
            if (!STATUSES.contains(wanted)) {
                throw new InvalidInputException("status", "status must be one of PENDING, DELIVERED, DEAD");
            }
            parameters.add(wanted);
            sql.append(" and d.status = ?").append(parameters.size());
        }
        if (eventId != null && !eventId.isBlank()) {
            parameters.add(eventId);
            sql.append(" and d.event_id = ?").append(parameters.size());
        }
        parameters.add(page.limit() + 1);
        sql.append(" order by d.id ").append(order.direction()).append(" limit ?").append(parameters.size());
        Query query = em.createNativeQuery(sql.toString(), Tuple.class);
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Tuple> rows = query.getResultList();
        return Page.of(rows, page.limit(), row -> String.valueOf(row.get("id")), row -> view(row, null));
    }

    public DeliveryView get(String id) {
        long key = parseId(id);
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("select " + COLUMNS + " from delivery d join event ev on ev.id = d.event_id where d.id = ?1",
                        Tuple.class)
                .setParameter(1, key).getResultList();
        if (rows.isEmpty()) {
            throw new NotFoundException("no delivery with id '" + id + "'");
        }
        @SuppressWarnings("unchecked")
        List<Tuple> attempts = em.createNativeQuery("""
                        select attempted_at, status_code, latency_ms, response_excerpt, error
                          from delivery_attempt where delivery_id = ?1 order by id""", Tuple.class)
                .setParameter(1, key).getResultList();
        return view(rows.get(0), attempts.stream().map(a -> new DeliveryView.AttemptView(
                SqlValues.instant(a, "attempted_at"), SqlValues.integer(a, "status_code"),
                SqlValues.integer(a, "latency_ms"), a.get("response_excerpt", String.class), a.get("error", String.class))).toList());
    }

    /** Sends the delivery again now, with a fresh retry schedule, whatever its status. */
    public void retry(String id) {
        if (!store.requeue(parseId(id))) {
            throw new NotFoundException("no delivery with id '" + id + "'");
        }
        LOG.infof("Manual retry of deliveryId=%s", id);
        deliveriesCreated.fire(new DeliveriesCreated(1));
    }

    /** Queues again every DEAD delivery of the endpoint created since the given time; answers how many. */
    public int recover(String endpointId, Instant since) {
        if (em.find(Endpoint.class, endpointId) == null) {
            throw new NotFoundException("no endpoint with id '" + endpointId + "'");
        }
        int requeued = store.requeueDead(endpointId, since);
        LOG.infof("Recover endpointId=%s since %s: %d deliveries queued again", endpointId, since, requeued);
        if (requeued > 0) {
            deliveriesCreated.fire(new DeliveriesCreated(requeued));
        }
        return requeued;
    }

    private static DeliveryView view(Tuple row, List<DeliveryView.AttemptView> attempts) {
        String status = row.get("status", String.class);
        return new DeliveryView(String.valueOf(row.get("id")), row.get("event_id", String.class), row.get("event_type", String.class),
                row.get("endpoint_id", String.class), status, SqlValues.integer(row, "attempts"),
                "PENDING".equals(status) ? SqlValues.instant(row, "next_attempt_at") : null,
                SqlValues.integer(row, "last_status_code"), row.get("last_error", String.class), SqlValues.instant(row, "created_at"),
                SqlValues.instant(row, "delivered_at"), attempts);
    }

    private static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundException("no delivery with id '" + id + "'");
        }
    }
}
