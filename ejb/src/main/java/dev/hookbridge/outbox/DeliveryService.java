package dev.hookbridge.outbox;

import dev.hookbridge.common.InvalidInputException;
import dev.hookbridge.common.ListOrder;
import dev.hookbridge.common.NotFoundException;
import dev.hookbridge.common.Page;
import dev.hookbridge.common.PageRequest;
import dev.hookbridge.endpoint.Endpoint;
import dev.hookbridge.endpoint.EndpointView;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The delivery log for the API, and the manual fixes: retry one delivery, recover an endpoint's failures. */
@Stateless
public class DeliveryService {

    private static final Logger LOG = Logger.getLogger(DeliveryService.class);

    @PersistenceContext
    EntityManager em;

    @EJB
    OutboxStore store;

    @Inject
    Event<DeliveriesCreated> deliveriesCreated;

    /**
     * {@code customer}: only deliveries of events published for that customer; {@code createdSince}:
     * only deliveries created since then (null: all).
     */
    public Page<DeliveryView> list(String endpointId, String status, String eventId, String customer, Instant createdSince,
                                   PageRequest page, ListOrder order) {
        StringBuilder jpql = new StringBuilder("select d from Delivery d join fetch d.event where d.id ")
                .append(order.comparison()).append(" :after");
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("after", order.bound(page.afterId()));
        if (endpointId != null && !endpointId.isBlank()) {
            jpql.append(" and d.endpointId = :endpointId");
            parameters.put("endpointId", endpointId);
        }
        if (status != null && !status.isBlank()) {
            jpql.append(" and d.status = :status");
            parameters.put("status", status(status));
        }
        if (eventId != null && !eventId.isBlank()) {
            jpql.append(" and d.event.id = :eventId");
            parameters.put("eventId", eventId);
        }
        if (customer != null && !customer.isBlank()) {
            jpql.append(" and d.event.customerId = :customer");
            parameters.put("customer", customer);
        }
        if (createdSince != null) {
            jpql.append(" and d.createdAt >= :createdSince");
            parameters.put("createdSince", createdSince);
        }
        jpql.append(" order by d.id ").append(order.direction());
        TypedQuery<Delivery> query = em.createQuery(jpql.toString(), Delivery.class).setMaxResults(page.limit() + 1);
        parameters.forEach(query::setParameter);
        return Page.of(query.getResultList(), page.limit(), d -> Long.toString(d.getId()), d -> view(d, null, null));
    }

    public DeliveryView get(String id) {
        Delivery delivery = em.createQuery("select d from Delivery d join fetch d.event where d.id = :id", Delivery.class)
                .setParameter("id", parseId(id))
                .getResultStream().findFirst()
                .orElseThrow(() -> new NotFoundException("no delivery with id '" + id + "'"));
        List<DeliveryView.AttemptView> attempts = em.createQuery(
                        "select a from DeliveryAttempt a where a.deliveryId = :id order by a.id", DeliveryAttempt.class)
                .setParameter("id", delivery.getId())
                .getResultStream()
                .map(a -> new DeliveryView.AttemptView(a.getAttemptedAt(), a.getStatusCode(), a.getLatencyMs(),
                        a.getResponseExcerpt(), a.getError()))
                .toList();
        return view(delivery, attempts, request(delivery));
    }

    /** The request its attempts send, rebuilt from the event as the dispatcher builds it. */
    private DeliveryView.RequestView request(Delivery delivery) {
        OutboxEvent event = delivery.getEvent();
        String data = event.getData();
        if (delivery.getSchemaVersion() != null) {
            List<?> pinned = em.createNativeQuery("select p.data::text from event_payload p where p.event_id = ?1 and p.version = ?2")
                    .setParameter(1, event.getId()).setParameter(2, delivery.getSchemaVersion())
                    .getResultList();
            if (!pinned.isEmpty()) {
                data = (String) pinned.get(0);
            }
        }
        String body = new String(DeliveredBody.of(event.getId(), event.getType(), delivery.getDeliveredVersion(), event.getCreatedAt(),
                data), StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("webhook-id", event.getId());
        Endpoint endpoint = em.find(Endpoint.class, delivery.getEndpointId());
        if (endpoint != null) {
            endpoint.getHeadersEncrypted().keySet().forEach(name -> headers.put(name, EndpointView.HIDDEN_VALUE));
        }
        return new DeliveryView.RequestView("POST", endpoint == null ? null : endpoint.getUrl(), headers, body);
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

    private static DeliveryView view(Delivery delivery, List<DeliveryView.AttemptView> attempts, DeliveryView.RequestView request) {
        DeliveryStatus status = delivery.getStatus();
        return new DeliveryView(Long.toString(delivery.getId()), delivery.getEvent().getId(), delivery.getEvent().getType(),
                delivery.getDeliveredVersion(), delivery.getEndpointId(), delivery.getEvent().getCustomerId(), status.name(), delivery.getAttempts(),
                status == DeliveryStatus.PENDING ? delivery.getNextAttemptAt() : null, delivery.getLastStatusCode(),
                delivery.getLastError(), delivery.getCreatedAt(), delivery.getDeliveredAt(), attempts, request);
    }

    private static DeliveryStatus status(String text) {
        try {
            return DeliveryStatus.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("status", "status must be one of PENDING, DELIVERED, DEAD");
        }
    }

    private static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundException("no delivery with id '" + id + "'");
        }
    }
}
