package dev.hookbridge.customer;

import dev.hookbridge.common.NotFoundException;
import dev.hookbridge.common.Page;
import dev.hookbridge.endpoint.EndpointService;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Creates, replaces, lists and deletes customers (docs/customers.md). */
@Stateless
public class CustomerService {

    private static final Logger LOG = Logger.getLogger(CustomerService.class);

    @PersistenceContext
    EntityManager em;

    @EJB
    EndpointService endpoints;

    /** Creates or replaces the customer; answers whether it was created. */
    public boolean put(String id, CustomerDefinition definition) {
        Instant now = Instant.now();
        Customer customer = em.find(Customer.class, id);
        boolean created = customer == null;
        if (created) {
            customer = new Customer(id, now);
        }
        customer.apply(definition, now);
        if (created) {
            em.persist(customer);
        }
        LOG.infof("Customer %s %s", id, created ? "created" : "replaced");
        return created;
    }

    public CustomerView get(String id) {
        return views(List.of(find(id))).get(0);
    }

    public boolean exists(String id) {
        return em.find(Customer.class, id) != null;
    }

    public Page<CustomerView> list(String after, int limit) {
        List<Customer> rows = em.createQuery("select c from Customer c where c.id > :after order by c.id", Customer.class)
                .setParameter("after", after == null ? "" : after)
                .setMaxResults(limit + 1)
                .getResultList();
        boolean more = rows.size() > limit;
        List<Customer> shown = more ? rows.subList(0, limit) : rows;
        return new Page<>(views(shown), more ? shown.get(shown.size() - 1).getId() : null);
    }

    /**
     * Deletes the customer and its endpoints: they receive nothing more, and what was still pending for
     * them is marked DEAD with the reason; delivered history stays until retention purges it.
     */
    public void delete(String id) {
        Customer customer = em.find(Customer.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (customer == null) {
            throw new NotFoundException("no customer with id '" + id + "'");
        }
        List<String> owned = endpoints.idsOfCustomer(id);
        owned.forEach(endpointId -> endpoints.delete(endpointId, "customer " + id + " deleted"));
        em.remove(customer);
        LOG.infof("Customer %s deleted with its %d endpoints", id, owned.size());
    }

    private Customer find(String id) {
        Customer customer = em.find(Customer.class, id);
        if (customer == null) {
            throw new NotFoundException("no customer with id '" + id + "'");
        }
        return customer;
    }

    /** The views, with each customer's endpoint counts from one query for all of them. */
    private List<CustomerView> views(List<Customer> customers) {
        if (customers.isEmpty()) {
            return List.of();
        }
        Map<String, long[]> counts = new HashMap<>();
        em.createQuery("""
                        select e.customerId, count(e), sum(case when e.consecutiveFailures > 0 or e.enabled = false then 1 else 0 end)
                          from Endpoint e where e.customerId in :ids group by e.customerId""", Object[].class)
                .setParameter("ids", customers.stream().map(Customer::getId).toList())
                .getResultList()
                .forEach(row -> counts.put((String) row[0], new long[] {((Number) row[1]).longValue(), ((Number) row[2]).longValue()}));
        return customers.stream().map(c -> {
            long[] n = counts.getOrDefault(c.getId(), new long[2]);
            return new CustomerView(c.getId(), c.getName(), c.getMetadata(), n[0], n[1], c.getCreatedAt(), c.getUpdatedAt());
        }).toList();
    }
}
