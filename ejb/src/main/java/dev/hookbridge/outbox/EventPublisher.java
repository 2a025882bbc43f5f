package dev.hookbridge.outbox;

import dev.hookbridge.catalog.EventTypeCatalog;
import dev.hookbridge.catalog.InvalidEventException;
import dev.hookbridge.customer.CustomerService;
import dev.hookbridge.common.Sha256;
import dev.hookbridge.endpoint.Endpoint;
import dev.hookbridge.endpoint.EndpointService;
import dev.hookbridge.json.JsonProcessing;
import dev.hookbridge.tracing.TraceParent;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import org.jboss.logging.Logger;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Publishes outbound events, in-app ({@code @EJB EventPublisher}), from the REST API and from JMS: the
 * event and one delivery per matching enabled endpoint are written in the CALLER's transaction
 * (REQUIRED joins it), so a business change and its webhooks commit or roll back together. The
 * event keeps the trace it was published in, which its delivery attempts continue.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Ids of events routed from the inbox: this prefix and the inbox id. Callers may not choose them. */
    static final String ROUTED_ID_PREFIX = "inbound_";
    /** Ids of operational events sent to operator endpoints: this prefix and a random part. */
    static final String OPERATIONAL_ID_PREFIX = "op_";
    /** Ids of test events sent to one endpoint: this prefix and a random part. */
    static final String TEST_ID_PREFIX = "test_";
    /** The type of a test event: no endpoint subscribes to it, it goes to the one endpoint it tests. */
    public static final String TEST_EVENT_TYPE = "hookbridge.test";

    @EJB
    OutboxStore store;

    @EJB
    EndpointService endpoints;

    @Inject
    EventTypeCatalog catalog;

    @EJB
    CustomerService customers;

    @Inject
    Event<DeliveriesCreated> deliveriesCreated;

    /** Publishes {@code data} (JSON text) as an event of {@code type}; answers the event id. */
    public String publish(String type, String data) {
        return publish(PublishRequest.of(type, data));
    }

    /** Publishes {@code data} as an event of {@code type} following {@code version} of that type's catalogued schema. */
    public String publish(String type, int version, String data) {
        return publish(PublishRequest.of(type, data).withVersion(version));
    }

    /**
     * Publishes; the same idempotency key or id answers the first event's id and creates nothing. An
     * event of a catalogued type must follow its version's schema ({@link EventTypeCatalog}).
     */
    public String publish(PublishRequest request) {
        request.validate();
        if (request.customer() != null && !customers.exists(request.customer())) {
            throw InvalidEventException.unknownCustomer(request.customer());
        }
        Integer version = catalog.check(request.type(), request.version(), request.data());
        catalog.checkOtherVersions(request.type(), version, request.otherVersions());
        byte[] fingerprint = fingerprint(request);
        String id = request.id() != null ? request.id() : "evt_" + randomId();
        Instant now = Instant.now();
        if (store.insertEvent(new OutboxStore.NewEvent(id, request.type(), request.data(), null, request.idempotencyKey(),
                fingerprint, now, TraceParent.current(), version, request.customer()))) {
            List<Endpoint> targets = endpoints.publishedFor(request.type(), request.customer());
            Map<String, Integer> pinned = pinnedVersions(request, version, targets);
            store.insertPayloads(id, request.otherVersions());
            createDeliveries(id, request.type(), null, targets, pinned, now);
            return id;
        }
        // The id or the key is taken: a retried request, or a concurrent one that won the race.
        if (request.idempotencyKey() == null) {
            return id;
        }
        return store.eventWithKey(request.idempotencyKey())
                .map(earlier -> sameOrConflict(earlier, fingerprint, request.idempotencyKey()))
                .orElse(id);
    }

    /**
     * Routes a processed inbound event to the endpoints that asked for its source, choosing among
     * {@code allEndpoints} (loaded once for a group of events processed together). The event id is
     * derived from the inbox row, so a redelivery or a replay finds the event already there.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void routeInbound(long inboxId, String source, String type, byte[] body, List<Endpoint> allEndpoints) {
        if (type == null) {
            return;
        }
        List<Endpoint> targets = allEndpoints.stream().filter(e -> e.wants(type, source)).toList();
        if (targets.isEmpty()) {
            return;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        String data = isJson(text) ? text : JsonProcessing.PROVIDER.createValue(text).toString();
        String id = ROUTED_ID_PREFIX + inboxId;
        Instant now = Instant.now();
        if (store.insertEvent(new OutboxStore.NewEvent(id, type, data, source, null, null, now, TraceParent.current(), null, null))) {
            createDeliveries(id, type, source, targets, Map.of(), now);
        } else if (!store.sourceOfEvent(id).filter(source::equals).isPresent()) {
            // A redelivery or replay finds its own event (same source); anything else is not this event.
            throw new IllegalStateException("event id " + id + " is taken by an event not routed from inbox event "
                    + inboxId + "; the routed event was not created");
        }
    }

    /**
     * Publishes an operational event (type and JSON body as {@code webhooks.operations} carries them)
     * to each operator endpoint that wants its type, in the caller's transaction. An event about an
     * operator endpoint itself goes to no endpoint, only to the topic: a failing operator endpoint
     * would otherwise cause deliveries that fail in turn, without end.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void publishToOperators(String type, String data, String concernedEndpointId) {
        List<Endpoint> operators = endpoints.operators();
        if (operators.stream().anyMatch(e -> e.getId().equals(concernedEndpointId))) {
            return;
        }
        List<Endpoint> targets = operators.stream().filter(e -> e.wantsOperational(type)).toList();
        if (targets.isEmpty()) {
            return;
        }
        String id = OPERATIONAL_ID_PREFIX + randomId();
        Instant now = Instant.now();
        store.insertEvent(new OutboxStore.NewEvent(id, type, data, null, null, null, now, TraceParent.current(), null, null));
        createDeliveries(id, type, null, targets, Map.of(), now);
    }

    /**
     * Sends a test event to one endpoint, whatever types it subscribes to, published for the endpoint's
     * customer so that it shows among that customer's deliveries; answers the event id.
     */
    public String publishTest(String endpointId) {
        Endpoint endpoint = endpoints.find(endpointId);
        String id = TEST_ID_PREFIX + randomId();
        Instant now = Instant.now();
        String data = JsonProcessing.PROVIDER.createObjectBuilder()
                .add("message", "A test event sent to this endpoint from Hookbridge")
                .add("endpointId", endpointId)
                .build().toString();
        store.insertEvent(new OutboxStore.NewEvent(id, TEST_EVENT_TYPE, data, null, null, null, now, TraceParent.current(), null,
                endpoint.getCustomerId()));
        createDeliveries(id, TEST_EVENT_TYPE, null, List.of(endpoint), Map.of(), now);
        return id;
    }

    /** One delivery of the new event to each target, and the dispatcher woken once the transaction commits. */
    private void createDeliveries(String id, String type, String source, List<Endpoint> targets, Map<String, Integer> versions,
                                  Instant now) {
        if (!targets.isEmpty()) {
            store.insertDeliveries(id, targets.stream().map(Endpoint::getId).toList(), versions, now);
            deliveriesCreated.fire(new DeliveriesCreated(targets.size()));
        }
        LOG.infof("Published eventId=%s type=%s to %d endpoints%s", id, type, targets.size(),
                source == null ? "" : " (from source " + source + ")");
    }

    /**
     * The version each target pinned to another one than the event's gets; an endpoint pinned to a
     * version the publisher gave no payload of would get nothing, so the event is refused instead.
     */
    private static Map<String, Integer> pinnedVersions(PublishRequest request, Integer version, List<Endpoint> targets) {
        Map<String, Integer> versions = new HashMap<>();
        for (Endpoint target : targets) {
            Integer pinned = target.pinnedVersion(request.type());
            if (pinned == null || pinned.equals(version)) {
                continue;
            }
            if (!request.otherVersions().containsKey(pinned)) {
                throw new InvalidEventException("endpoint " + target.getId() + " is pinned to version " + pinned + " of '"
                        + request.type() + "', and the event has no payload of that version: give one in otherVersions", List.of());
            }
            versions.put(target.getId(), pinned);
        }
        return versions;
    }

    private static String sameOrConflict(OutboxStore.KeyedEvent earlier, byte[] fingerprint, String key) {
        if (!Arrays.equals(earlier.requestSha256(), fingerprint)) {
            throw new IdempotencyConflictException("Idempotency-Key '" + key + "' was used for a different request");
        }
        return earlier.id();
    }

    static boolean isJson(String text) {
        try (var reader = JsonProcessing.PROVIDER.createReader(new StringReader(text))) {
            reader.readValue();
            return true;
        } catch (JsonException | IllegalStateException e) {
            return false;
        }
    }

    private static byte[] fingerprint(PublishRequest request) {
        MessageDigest digest = Sha256.digest();
        for (String part : new String[] {request.type(), request.data(), request.id()}) {
            digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        if (request.customer() != null) {
            digest.update(("\0customer=" + request.customer()).getBytes(StandardCharsets.UTF_8));
        }
        // Only when named, so the fingerprint of a request without a version is what it always was.
        if (request.version() != null) {
            digest.update(("version=" + request.version()).getBytes(StandardCharsets.UTF_8));
        }
        new TreeMap<>(request.otherVersions()).forEach((other, payload) ->
                digest.update(("\0version=" + other + "\0" + payload).getBytes(StandardCharsets.UTF_8)));
        return digest.digest();
    }

    private static String randomId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
