package dev.hookbridge.endpoint;

import dev.hookbridge.catalog.EventTypeCatalog;
import dev.hookbridge.common.InvalidInputException;
import dev.hookbridge.common.NotFoundException;
import dev.hookbridge.common.Page;
import dev.hookbridge.crypto.SecretCipher;
import dev.hookbridge.customer.Customer;
import dev.hookbridge.outbox.OutboxStore;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Creates, changes, lists and deletes endpoints; rotates their secrets; hands the dispatcher its targets. */
@Stateless
public class EndpointService {

    private static final Logger LOG = Logger.getLogger(EndpointService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** How far back an endpoint's health counts its attempts. */
    private static final Duration HEALTH_WINDOW = Duration.ofHours(24);

    @PersistenceContext
    EntityManager em;

    @Inject
    EventTypeCatalog catalog;

    @EJB
    OutboxStore outbox;

    @Inject
    SecretCipher cipher;

    @Inject
    AddressPolicies addressPolicies;

    @Inject
    @ConfigProperty(name = "hookbridge.endpoint.secret-grace", defaultValue = "PT24H")
    Duration secretGrace;

    /** Creates the endpoint; the answer carries its secret, the only time it is shown. */
    public EndpointView create(EndpointDefinition definition) {
        definition.validate();
        checkPinnedVersions(definition);
        checkCustomer(definition);
        checkReachable(definition.url(), definition.customer());
        String secret = definition.secret() != null ? definition.secret() : newSecret();
        Instant now = Instant.now();
        Endpoint endpoint = new Endpoint("ep_" + randomId(), cipher.encrypt(secret), now);
        endpoint.apply(definition, now);
        endpoint.setHeadersEncrypted(encryptedHeaders(definition.headers(), Map.of()));
        em.persist(endpoint);
        LOG.infof("Endpoint %s created for %s", endpoint.getId(), endpoint.getUrl());
        return EndpointView.of(endpoint, secret, EndpointHealth.of(endpoint, 0, 0));
    }

    public EndpointView update(String id, EndpointDefinition definition) {
        definition.validate();
        checkPinnedVersions(definition);
        checkCustomer(definition);
        Endpoint endpoint = find(id);
        if (!Objects.equals(endpoint.getCustomerId(), definition.customer())) {
            // Its deliveries, dead ones included, were for the customer it has: another owner must not
            // inherit them (and could recover them to its own URL).
            throw new InvalidInputException("customer", "an endpoint's customer cannot change (it is "
                    + (endpoint.getCustomerId() == null ? "the shop's own" : "'" + endpoint.getCustomerId() + "'")
                    + "): create a new endpoint for the other owner");
        }
        checkReachable(definition.url(), definition.customer());
        Instant now = Instant.now();
        endpoint.setHeadersEncrypted(encryptedHeaders(definition.headers(), endpoint.getHeadersEncrypted()));
        endpoint.apply(definition, now);
        if (definition.secret() != null) {
            endpoint.replaceSecret(cipher.encrypt(definition.secret()), now);
        }
        LOG.infof("Endpoint %s updated (enabled %s)", id, endpoint.isEnabled());
        return withHealth(List.of(endpoint)).get(0);
    }

    /**
     * The headers to store: each value encrypted, or, where a PUT sends back {@link EndpointView#HIDDEN_VALUE},
     * the value stored before under that name (names compare as HTTP does, ignoring case).
     */
    private Map<String, String> encryptedHeaders(Map<String, String> given, Map<String, String> stored) {
        Map<String, String> encrypted = new LinkedHashMap<>();
        if (given == null) {
            return encrypted;
        }
        given.forEach((name, value) -> {
            if (!value.equals(EndpointView.HIDDEN_VALUE)) {
                encrypted.put(name, cipher.encrypt(value));
                return;
            }
            String kept = stored.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst()
                    .orElseThrow(() -> new InvalidInputException("headers", "header '" + name + "' has no stored value to keep"
                            + " ('" + EndpointView.HIDDEN_VALUE + "' keeps one): send its value"));
            encrypted.put(name, kept);
        });
        return encrypted;
    }

    private void checkCustomer(EndpointDefinition definition) {
        if (definition.customer() != null && em.find(Customer.class, definition.customer()) == null) {
            throw new InvalidInputException("customer", "no customer with id '" + definition.customer() + "': create it first");
        }
    }

    /** Each pinned version must be one the catalog holds for its type. */
    private void checkPinnedVersions(EndpointDefinition definition) {
        if (definition.eventVersions() == null) {
            return;
        }
        definition.eventVersions().forEach((type, version) -> {
            if (!catalog.hasVersion(type, version)) {
                throw new InvalidInputException("eventVersions", "the event-type catalog has no version " + version + " of '"
                        + type + "' to pin");
            }
        });
    }

    public EndpointView get(String id) {
        return withHealth(List.of(find(id))).get(0);
    }

    /** {@code customer}: only that customer's endpoints; null: every endpoint. */
    public Page<EndpointView> list(String after, String customer, int limit) {
        var query = em.createQuery("select e from Endpoint e where e.id > :after"
                        + (customer == null ? "" : " and e.customerId = :customer") + " order by e.id", Endpoint.class)
                .setParameter("after", after == null ? "" : after)
                .setMaxResults(limit + 1);
        if (customer != null) {
            query.setParameter("customer", customer);
        }
        List<Endpoint> rows = query.getResultList();
        boolean more = rows.size() > limit;
        List<Endpoint> shown = more ? rows.subList(0, limit) : rows;
        return new Page<>(withHealth(shown), more ? shown.get(shown.size() - 1).getId() : null);
    }

    /**
     * The endpoints' views with their health; attempts of the last 24 hours are counted in one query
     * for all of them (through the attempt-time index, so old attempts cost nothing).
     */
    private List<EndpointView> withHealth(List<Endpoint> shown) {
        if (shown.isEmpty()) {
            return List.of();
        }
        Map<String, long[]> counts = new HashMap<>();
        em.createQuery("""
                        select d.endpointId, count(a), sum(case when a.statusCode between 200 and 299 then 1 else 0 end)
                          from DeliveryAttempt a join Delivery d on d.id = a.deliveryId
                         where a.attemptedAt >= :since and d.endpointId in :endpoints
                         group by d.endpointId""", Object[].class)
                .setParameter("since", Instant.now().minus(HEALTH_WINDOW))
                .setParameter("endpoints", shown.stream().map(Endpoint::getId).toList())
                .getResultList()
                .forEach(row -> counts.put((String) row[0], new long[] {((Number) row[1]).longValue(), ((Number) row[2]).longValue()}));
        return shown.stream().map(e -> {
            long[] c = counts.getOrDefault(e.getId(), new long[2]);
            return EndpointView.of(e, null, EndpointHealth.of(e, c[0], c[1]));
        }).toList();
    }

    /** Deletes the endpoint; what was still pending for it can no longer be sent and is marked DEAD. */
    public void delete(String id) {
        delete(id, "endpoint deleted");
    }

    /** The same, with the reason the pending deliveries are marked DEAD with. */
    public void delete(String id, String reason) {
        Endpoint endpoint = find(id);
        outbox.cancelPending(id, reason);
        em.remove(endpoint);
        LOG.infof("Endpoint %s deleted (%s)", id, reason);
    }

    /** The ids of a customer's endpoints. */
    public List<String> idsOfCustomer(String customer) {
        return em.createQuery("select e.id from Endpoint e where e.customerId = :customer", String.class)
                .setParameter("customer", customer).getResultList();
    }

    /** A new secret, returned once; the old one keeps signing beside it for the grace period. */
    public String rotateSecret(String id) {
        Endpoint endpoint = find(id);
        String secret = newSecret();
        Instant now = Instant.now();
        endpoint.rotate(cipher.encrypt(secret), now.plus(secretGrace), now);
        LOG.infof("Endpoint %s secret rotated; the previous one signs until %s", id, endpoint.getPreviousSecretExpiresAt());
        return secret;
    }

    /**
     * Disables the endpoint with the reason (410 Gone, or failing for too long); its deliveries wait,
     * none is dropped. False when it is gone or was disabled already.
     */
    public boolean disable(String id, String reason) {
        Endpoint endpoint = em.find(Endpoint.class, id);
        if (endpoint == null || !endpoint.isEnabled()) {
            return false;
        }
        endpoint.setEnabled(false, reason);
        LOG.warnf("Endpoint %s disabled: %s", id, reason);
        return true;
    }

    public boolean existsWithUrl(String url) {
        return url != null && !em.createQuery("select e.id from Endpoint e where e.url = :url", String.class)
                .setParameter("url", url.trim()).setMaxResults(1).getResultList().isEmpty();
    }

    /**
     * The endpoints an event of this type and origin goes to, enabled or not: a disabled endpoint's
     * deliveries wait (the dispatcher skips them) and are sent once it is enabled again
     * (docs/outbound.md, "Retries, dead deliveries, disabled endpoints"). Loaded read-only: this
     * runs in every inbound processing and publish transaction, which only read the endpoints, and
     * Hibernate would otherwise compare each one's fields at every flush.
     */
    public List<Endpoint> matching(String type, String source) {
        return all().stream().filter(e -> e.wants(type, source)).toList();
    }

    /**
     * The endpoints an event of this type published for {@code customer} goes to: only that customer's,
     * found through their index, never a scan of every endpoint. Null: the shop's own, as above.
     */
    public List<Endpoint> publishedFor(String type, String customer) {
        if (customer == null) {
            return matching(type, null);
        }
        return em.createQuery("select e from Endpoint e where e.customerId = :customer", Endpoint.class)
                .setParameter("customer", customer)
                .setHint("org.hibernate.readOnly", true)
                .getResultStream().filter(e -> e.wantsFor(type, customer)).toList();
    }

    /** The operator endpoints (enabled or not), loaded read-only, which receive operational events. */
    public List<Endpoint> operators() {
        return em.createQuery("select e from Endpoint e where e.operator", Endpoint.class)
                .setHint("org.hibernate.readOnly", true)
                .getResultList();
    }

    /** Every endpoint, loaded read-only (see {@link #matching}), to match several events against. */
    public List<Endpoint> all() {
        return em.createQuery("select e from Endpoint e", Endpoint.class)
                .setHint("org.hibernate.readOnly", true)
                .getResultList();
    }

    /** The signing secrets in force: the current one, and the previous one until its grace period ends. */
    public DeliveryTarget target(Endpoint endpoint, Instant now) {
        List<String> secrets = new ArrayList<>();
        secrets.add(cipher.decrypt(endpoint.getSecretEncrypted()));
        if (endpoint.getPreviousSecretEncrypted() != null && endpoint.getPreviousSecretExpiresAt() != null
                && now.isBefore(endpoint.getPreviousSecretExpiresAt())) {
            secrets.add(cipher.decrypt(endpoint.getPreviousSecretEncrypted()));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        endpoint.getHeadersEncrypted().forEach((name, value) -> headers.put(name, cipher.decrypt(value)));
        return new DeliveryTarget(endpoint.getId(), endpoint.getUrl(), headers, secrets,
                endpoint.getRateLimitPerSecond(), endpoint.getCustomerId());
    }

    /** The endpoint with this id; a 404 when there is none. */
    public Endpoint find(String id) {
        Endpoint endpoint = id == null ? null : em.find(Endpoint.class, id);
        if (endpoint == null) {
            throw new NotFoundException("no endpoint with id '" + id + "'");
        }
        return endpoint;
    }

    /** The SSRF guard at create/update: every address the host resolves to must be allowed. */
    private void checkReachable(String url, String customer) {
        String host = URI.create(url.trim()).getHost();
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                // The rule, not the address: the answer must not tell what an internal name resolves to.
                addressPolicies.forEndpointOf(customer).refusal(host, address).ifPresent(rule -> {
                    throw new InvalidInputException("url", "the url's host resolves to an address the SSRF guard refuses ("
                            + rule + "); ops may allow it with hookbridge.delivery."
                            + (customer == null ? "allowed-hosts" : "customer-allowed-hosts"));
                });
            }
        } catch (UnknownHostException e) {
            throw new InvalidInputException("url", "the url's host '" + host + "' does not resolve");
        }
    }

    static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return EndpointDefinition.SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    private static String randomId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
