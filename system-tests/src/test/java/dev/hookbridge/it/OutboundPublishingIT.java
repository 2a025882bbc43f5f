package dev.hookbridge.it;

import dev.hookbridge.it.support.Fixtures;
import dev.hookbridge.it.support.Http;
import dev.hookbridge.it.support.Jms;
import dev.hookbridge.it.support.Outbound;
import dev.hookbridge.it.support.Problems;
import dev.hookbridge.it.support.Reply;
import dev.hookbridge.it.support.SystemTest;
import dev.hookbridge.it.support.TestStack;
import dev.hookbridge.stack.Credentials;
import dev.hookbridge.testsupport.QueueBrowsing;
import dev.hookbridge.testsupport.Receiver;
import dev.hookbridge.testsupport.Receiver.Request;
import dev.hookbridge.testsupport.Waits;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ways an outbound event comes to be (docs/outbound.md, "Publishing"): POST /api/events with an
 * Idempotency-Key or a given id, a JMS producer on webhooks.outbound, and inbound events routed by
 * source and type; and the polling feed GET /api/events that misses nothing.
 */
@SystemTest
class OutboundPublishingIT {

    private static final String OUTBOUND_QUEUE = "webhooks.outbound";
    private static final String OUTBOUND_DLQ = "DLQ.webhooks.outbound";

    @Test
    void sameIdempotencyKeyAnswersTheSameEventAndDeliversItOnce() {
        String type = Outbound.uniqueType("order.created");
        try (Receiver receiver = Receiver.start()) {
            String endpointId = Outbound.createEndpoint(receiver.url(), type).getString("id");
            String body = event(type, Outbound.data()).toString();
            Http keyed = Http.admin().header("Idempotency-Key", "key-" + UUID.randomUUID());

            Reply first = keyed.postJson("/api/events", body);
            Reply second = keyed.postJson("/api/events", body);

            assertThat(first.status()).as(first.toString()).isEqualTo(202);
            assertThat(second.status()).as(second.toString()).isEqualTo(202);
            String eventId = first.json().getString("id");
            assertThat(second.json().getString("id")).isEqualTo(eventId);
            assertDeliveredOnce(receiver, type, endpointId, eventId);
        }
    }

    @Test
    void tenConcurrentRequestsWithOneIdempotencyKeyMakeOneEvent() throws Exception {
        String type = Outbound.uniqueType("order.created");
        try (Receiver receiver = Receiver.start()) {
            String endpointId = Outbound.createEndpoint(receiver.url(), type).getString("id");
            String body = event(type, Outbound.data()).toString();
            Http keyed = Http.admin().header("Idempotency-Key", "key-" + UUID.randomUUID());
            int copies = 10;
            ExecutorService pool = Executors.newFixedThreadPool(copies);
            List<Reply> replies = new ArrayList<>();
            try {
                CyclicBarrier gate = new CyclicBarrier(copies);
                List<Future<Reply>> futures = new ArrayList<>();
                for (int i = 0; i < copies; i++) {
                    futures.add(pool.submit(() -> {
                        gate.await(30, TimeUnit.SECONDS);
                        return keyed.postJson("/api/events", body);
                    }));
                }
                for (Future<Reply> future : futures) {
                    replies.add(future.get(120, TimeUnit.SECONDS));
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(replies).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(202));
            String eventId = replies.get(0).json().getString("id");
            assertThat(replies).allSatisfy(r -> assertThat(r.json().getString("id")).isEqualTo(eventId));
            assertDeliveredOnce(receiver, type, endpointId, eventId);
        }
    }

    @Test
    void largeEventDataIsDeliveredIntact() {
        String type = Outbound.uniqueType("report.ready");
        try (Receiver receiver = Receiver.start()) {
            JsonObject endpoint = Outbound.createEndpoint(receiver.url(), type);
            JsonObject data = Json.createObjectBuilder().add("text", "äöü€ 0123456789 ".repeat(8_000)).build();

            String eventId = Outbound.publish(type, data);

            Request request = receiver.awaitRequests(eventId, 1).get(0);
            assertThat(request.json().getJsonObject("data")).isEqualTo(data);
            assertThat(request.verifySignature(List.of(endpoint.getString("secret")))).as("signature of the large body").isTrue();
        }
    }

    @Test
    void sameIdempotencyKeyWithAnotherBodyIs422AndStoresNothing() {
        String type = Outbound.uniqueType("order.created");
        Http keyed = Http.admin().header("Idempotency-Key", "key-" + UUID.randomUUID());
        Reply first = keyed.postJson("/api/events", event(type, Outbound.data()).toString());
        assertThat(first.status()).as(first.toString()).isEqualTo(202);

        Reply changed = keyed.postJson("/api/events", event(type, Outbound.data()).toString());

        Problems.assertProblem(changed, 422);
        assertThat(eventIds(type)).containsExactly(first.json().getString("id"));
    }

    @Test
    void controlCharactersAndReservedIdsAre400NamingTheFieldAndStoreNothing() {
        String type = Outbound.uniqueType("order.created");
        Problems.assertInvalidField(Http.admin().postJson("/api/events",
                event(type + "\r\nforged log line", Outbound.data()).toString()), "type");
        Problems.assertInvalidField(Http.admin().postJson("/api/events", Json.createObjectBuilder()
                .add("id", "evt-\u0000-nul").add("type", type).add("data", Outbound.data()).build().toString()), "id");
        // A tab is the one control character an HTTP header may carry.
        Problems.assertInvalidField(Http.admin().header("Idempotency-Key", "key\tforged").postJson("/api/events",
                event(type, Outbound.data()).toString()), "Idempotency-Key");
        // Routed inbound events take "inbound_" + inbox id: a caller taking a future one would have it lost.
        Problems.assertInvalidField(Http.admin().postJson("/api/events", Json.createObjectBuilder()
                .add("id", "inbound_" + Long.MAX_VALUE).add("type", type).add("data", Outbound.data()).build().toString()), "id");
        assertThat(eventIds(type)).isEmpty();
    }

    @Test
    void givenIdTwiceIsOneEventDeliveredOnce() {
        String type = Outbound.uniqueType("order.created");
        try (Receiver receiver = Receiver.start()) {
            String endpointId = Outbound.createEndpoint(receiver.url(), type).getString("id");
            String eventId = "evt_" + UUID.randomUUID();
            String body = Json.createObjectBuilder().add("id", eventId).add("type", type).add("data", Outbound.data())
                    .build().toString();

            Reply first = Http.admin().postJson("/api/events", body);
            Reply second = Http.admin().postJson("/api/events", body);

            assertThat(first.status()).as(first.toString()).isEqualTo(202);
            assertThat(second.status()).as(second.toString()).isEqualTo(202);
            assertThat(first.json().getString("id")).isEqualTo(eventId);
            assertThat(second.json().getString("id")).isEqualTo(eventId);
            assertDeliveredOnce(receiver, type, endpointId, eventId);
        }
    }

    @Test
    void jmsProducerMessageIsDeliveredAsAWebhook() {
        String type = Outbound.uniqueType("invoice.paid");
        try (Receiver receiver = Receiver.start()) {
            JsonObject endpoint = Outbound.createEndpoint(receiver.url(), type);
            String eventId = "jms_" + UUID.randomUUID();
            JsonObject data = Json.createObjectBuilder().add("invoice", "in-7").add("total", 19.5).build();

            Jms.send(Jms.asClient(), OUTBOUND_QUEUE, data.toString(), Map.of("type", type, "eventId", eventId));

            Request request = receiver.awaitRequests(1).get(0);
            assertThat(request.header("webhook-id")).hasValue(eventId);
            assertThat(request.verifySignature(List.of(endpoint.getString("secret")))).as("signature of %s", request).isTrue();
            JsonObject body = request.json();
            assertThat(body.getString("id")).isEqualTo(eventId);
            assertThat(body.getString("type")).isEqualTo(type);
            assertThat(body.getJsonObject("data")).isEqualTo(data);
            Outbound.awaitDelivery(Outbound.deliveryId(eventId, endpoint.getString("id")), "DELIVERED");
            Reply event = Http.admin().get("/api/events/" + eventId);
            assertThat(event.status()).as(event.toString()).isEqualTo(200);
            assertThat(event.json().getString("type")).isEqualTo(type);

            // Without eventId the event gets an id of its own.
            Jms.send(Jms.asClient(), OUTBOUND_QUEUE, data.toString(), Map.of("type", type));
            List<Request> both = receiver.awaitRequests(2);
            assertThat(both.get(1).webhookId()).isNotBlank().isNotEqualTo(eventId);
            assertThat(both.get(1).json().getJsonObject("data")).isEqualTo(data);
        }
    }

    @Test
    void jmsMessagesThatCannotBecomeAnEventEndInTheOutboundDlq() {
        String type = Outbound.uniqueType("invoice.paid");
        String marker = UUID.randomUUID().toString();

        Jms.send(Jms.asClient(), OUTBOUND_QUEUE, Outbound.data().toString(), Map.of("testMarker", marker + "-untyped"));
        Jms.send(Jms.asClient(), OUTBOUND_QUEUE, "this is not { json", Map.of("testMarker", marker + "-text", "type", type));
        // A CR LF in the type would forge a log line of its own.
        Jms.send(Jms.asClient(), OUTBOUND_QUEUE, Outbound.data().toString(),
                Map.of("testMarker", marker + "-crlf", "type", type + "\r\nforged log line"));
        Jms.send(Jms.asClient(), OUTBOUND_QUEUE, Outbound.data().toString(),
                Map.of("testMarker", marker + "-reserved", "type", type, "eventId", "inbound_" + Long.MAX_VALUE));

        // Input that breaks a rule is parked at once, with the reason naming what is wrong.
        Map<String, String> reasons = Map.of(marker + "-untyped", "type is required", marker + "-text", "must be JSON",
                marker + "-crlf", "type", marker + "-reserved", "reserved");
        for (Map.Entry<String, String> which : reasons.entrySet()) {
            List<Message> parked = Waits.await(which.getKey() + " in " + OUTBOUND_DLQ).atMost(Duration.ofSeconds(30))
                    .until(() -> QueueBrowsing.browse(Jms.asAdmin(), OUTBOUND_DLQ, "testMarker = '" + which.getKey() + "'"), l -> !l.isEmpty());
            assertThat(parked).hasSize(1);
            assertThat(reason(parked.get(0))).as("reason of %s", which.getKey()).contains(which.getValue());
        }
        assertThat(eventIds(type)).as("events of the non-JSON message").isEmpty();
    }

    @Test
    void inboundEventIsRoutedToTheEndpointsWhoseSourceAndTypeFiltersMatch() {
        String source = Fixtures.uniqueName("routed");
        String secret = Fixtures.createStandardSource(source);
        String type = Outbound.uniqueType("order.created");
        // Whether an endpoint without a source filter gets inbound events too is not settled by the
        // contract, so this test has none.
        try (Receiver ofSource = Receiver.start(); Receiver otherSource = Receiver.start(); Receiver otherType = Receiver.start()) {
            JsonObject routed = Outbound.createEndpoint(Outbound.endpoint(ofSource.url(), type).add("sources", Outbound.array(source)));
            String otherSourceId = Outbound.createEndpoint(Outbound.endpoint(otherSource.url(), type)
                    .add("sources", Outbound.array(Fixtures.uniqueName("elsewhere")))).getString("id");
            String otherTypeId = Outbound.createEndpoint(Outbound.endpoint(otherType.url(), type + ".v2")
                    .add("sources", Outbound.array(source))).getString("id");
            String marker = UUID.randomUUID().toString();
            String body = Json.createObjectBuilder().add("type", type)
                    .add("data", Json.createObjectBuilder().add("marker", marker)).build().toString();

            Reply accepted = Fixtures.sendStandard(source, secret, "msg_" + UUID.randomUUID(), body);
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);

            Request request = ofSource.awaitRequests(1).get(0);
            assertThat(request.verifySignature(List.of(routed.getString("secret")))).as("signature of %s", request).isTrue();
            assertThat(request.json().getString("type")).isEqualTo(type);
            assertThat(request.body()).as("the inbound event's data").contains(marker);
            String eventId = request.webhookId();
            Outbound.awaitDelivery(Outbound.deliveryId(eventId, routed.getString("id")), "DELIVERED");

            // Routing writes every delivery of the event at once, so the others' absence is final.
            assertThat(Outbound.deliveries("event=" + Outbound.encode(eventId))).extracting(d -> d.getString("endpointId"))
                    .containsExactly(routed.getString("id"))
                    .doesNotContain(otherSourceId, otherTypeId);
            assertThat(otherSource.requests()).isEmpty();
            assertThat(otherType.requests()).isEmpty();
        }
    }

    @Test
    void pagingWithLimitOneFollowingNextAnswersEveryEventOnceInAscendingOrder() {
        String type = Outbound.uniqueType("page");
        List<String> published = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            published.add(Outbound.publish(type, Json.createObjectBuilder().add("i", i).build()));
        }

        List<JsonObject> seen = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            Reply page = Http.admin().get("/api/events?limit=1&type=" + Outbound.encode(type)
                    + (next == null ? "" : "&after=" + Outbound.encode(next)));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            assertThat(page.json().keySet()).contains("items", "next");
            assertThat(page.items().size()).as("items of %s", page).isLessThanOrEqualTo(1);
            page.items().forEach(v -> seen.add(v.asJsonObject()));
            next = page.json().isNull("next") || page.items().isEmpty() ? null : page.json().getString("next");
            assertThat(++pages).as("pages walked").isLessThan(100);
        } while (next != null);

        assertThat(seen).extracting(e -> e.getString("id")).containsExactlyElementsOf(published);
        for (int i = 0; i < seen.size(); i++) {
            JsonObject event = seen.get(i);
            assertThat(event.getString("type")).isEqualTo(type);
            assertThat(event.getString("timestamp")).isNotBlank();
            assertThat(event.getJsonObject("data").getInt("i")).isEqualTo(i);
        }
        Problems.assertInvalidField(Http.admin().get("/api/events?limit=0"), "limit");
        Problems.assertInvalidField(Http.admin().get("/api/events?limit=501"), "limit");
        Problems.assertInvalidField(Http.admin().get("/api/events?after=not-a-cursor"), "after");
    }

    /**
     * The feed orders by transaction id as a number: ids 9, 10 and 100 (written here directly, as
     * transactions that long ended) come in that order, page by page, though as text "10" sorts
     * before "9".
     */
    @Test
    void theFeedOrdersTransactionIdsAsNumbersNotAsText() throws Exception {
        String type = Outbound.uniqueType("xid.order");
        List<String> written = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(TestStack.get().postgres().jdbcUrl(), Credentials.DB_USER,
                Credentials.DB_PASSWORD);
             PreparedStatement insert = db.prepareStatement(
                     "insert into event (id, type, data, created_at, tx_id) values (?, ?, '{}', now(), cast(? as xid8))")) {
            for (String txId : List.of("100", "9", "10")) {
                String id = "evt_" + UUID.randomUUID();
                insert.setString(1, id);
                insert.setString(2, type);
                insert.setString(3, txId);
                insert.executeUpdate();
                written.add(id);
            }
        }

        assertThat(eventIds(type)).containsExactly(written.get(1), written.get(2), written.get(0));
        Reply firstPage = Http.admin().get("/api/events?limit=1&type=" + Outbound.encode(type));
        Reply secondPage = Http.admin().get("/api/events?limit=1&type=" + Outbound.encode(type) + "&after="
                + Outbound.encode(firstPage.json().getString("next")));
        assertThat(firstPage.items().get(0).asJsonObject().getString("id")).isEqualTo(written.get(1));
        assertThat(secondPage.items().get(0).asJsonObject().getString("id")).isEqualTo(written.get(2));
    }

    @Test
    void theTypeFilterTakesAPrefixLikeTheInboxAndEndpointsDo() {
        String namespace = Outbound.typePrefix();
        String audit = Outbound.publish(namespace + ".audit.login", Outbound.data());
        String auditToo = Outbound.publish(namespace + ".audit.logout", Outbound.data());
        Outbound.publish(namespace + ".order.created", Outbound.data());

        Reply prefixed = Http.admin().get("/api/events?limit=500&type=" + Outbound.encode(namespace + ".audit.*"));

        assertThat(prefixed.status()).as(prefixed.toString()).isEqualTo(200);
        assertThat(prefixed.items()).extracting(v -> v.asJsonObject().getString("id")).containsExactly(audit, auditToo);
        // The prefix is literal text: '_' and '%' are no wildcards.
        assertThat(Http.admin().get("/api/events?limit=500&type=" + Outbound.encode(namespace + "_audit.*")).items()).isEmpty();
        Problems.assertInvalidField(Http.admin().get("/api/events?type=" + Outbound.encode("a*.b")), "type");
    }

    @Test
    void pollerFollowingNextMissesNoEventPublishedConcurrently() throws Exception {
        String type = Outbound.uniqueType("concurrent");
        int threads = 8;
        int perThread = 25;
        List<String> published = Collections.synchronizedList(new ArrayList<>());
        Set<String> seen = Collections.synchronizedSet(new LinkedHashSet<>());
        AtomicBoolean publishing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        try {
            Future<?> poller = pool.submit(() -> poll(type, seen, published, publishing));
            List<Future<?>> publishers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                publishers.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        published.add(Outbound.publish(type));
                    }
                }));
            }
            for (Future<?> publisher : publishers) {
                publisher.get(300, TimeUnit.SECONDS);
            }
            publishing.set(false);
            poller.get(120, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(published).hasSize(threads * perThread).doesNotHaveDuplicates();
        assertThat(seen).as("events the poller saw").containsExactlyInAnyOrderElementsOf(published);
    }

    // --- helpers -------------------------------------------------------------------------------

    /**
     * A poller as a receiver would write it: follows {@code next}; on a page without one it asks
     * again from the last cursor it had. Stops once publishing has ended and it has seen every
     * published event, or 60 s after publishing ended.
     */
    private static Void poll(String type, Set<String> seen, List<String> published, AtomicBoolean publishing)
            throws InterruptedException {
        String cursor = null;
        long stopAt = Long.MAX_VALUE;
        while (System.currentTimeMillis() < stopAt) {
            Reply page = Http.admin().get("/api/events?limit=10&type=" + Outbound.encode(type)
                    + (cursor == null ? "" : "&after=" + Outbound.encode(cursor)));
            if (page.status() != 200) {
                throw new AssertionError("event feed answered " + page);
            }
            page.items().forEach(v -> seen.add(v.asJsonObject().getString("id")));
            boolean more = !page.json().isNull("next") && !page.items().isEmpty();
            if (more) {
                cursor = page.json().getString("next");
                continue;
            }
            if (!publishing.get()) {
                if (stopAt == Long.MAX_VALUE) {
                    stopAt = System.currentTimeMillis() + 60_000;
                }
                synchronized (published) {
                    if (seen.containsAll(published)) {
                        return null;
                    }
                }
            }
            Thread.sleep(50);
        }
        return null;
    }

    private static JsonObject event(String type, JsonObject data) {
        return Json.createObjectBuilder().add("type", type).add("data", data).build();
    }

    /** The ids of every event of a type, in feed order. */
    private static List<String> eventIds(String type) {
        Reply page = Http.admin().get("/api/events?limit=500&type=" + Outbound.encode(type));
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return page.items().getValuesAs(JsonValue::asJsonObject).stream().map(e -> e.getString("id")).toList();
    }

    /**
     * One event of the type, one delivery of it to the endpoint, one request at the receiver —
     * checked after a later event reached the receiver too, so a second copy had its chance.
     */
    private static void assertDeliveredOnce(Receiver receiver, String type, String endpointId, String eventId) {
        Outbound.awaitDelivery(Outbound.deliveryId(eventId, endpointId), "DELIVERED");
        String marker = Outbound.publish(type);
        receiver.awaitRequests(marker, 1);
        assertThat(receiver.requests(eventId)).as("requests for %s", eventId).hasSize(1);
        assertThat(Outbound.deliveries("event=" + Outbound.encode(eventId))).hasSize(1);
        assertThat(eventIds(type)).containsExactly(eventId, marker);
    }

    private static String reason(Message message) {
        try {
            return message.getStringProperty("reason");
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
