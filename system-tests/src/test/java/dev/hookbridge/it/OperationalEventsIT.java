package dev.hookbridge.it;

import dev.hookbridge.it.handlers.TestEventHandlers;
import dev.hookbridge.it.support.Fixtures;
import dev.hookbridge.it.support.Http;
import dev.hookbridge.it.support.Jms;
import dev.hookbridge.it.support.Management;
import dev.hookbridge.it.support.Outbound;
import dev.hookbridge.it.support.Reply;
import dev.hookbridge.it.support.SystemTest;
import dev.hookbridge.it.support.TestStack;
import dev.hookbridge.testsupport.BrokerManagement;
import dev.hookbridge.testsupport.Receiver;
import dev.hookbridge.testsupport.Receiver.Answer;
import dev.hookbridge.testsupport.Waits;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operational events on {@code webhooks.operations} (docs/operations.md, "Operational events"): one
 * message per transition of an endpoint (failing after 3 failed attempts in a row, recovered, failing
 * again, disabled by a 410), one per dead delivery and one per dead inbound event, one when the
 * inbound DLQ begins to hold messages, each with its type
 * and endpoint as selectable properties and a link to the dashboard page to look at. With two nodes
 * recording outcomes at once: {@link TwoNodeDispatchIT}.
 */
@SystemTest
class OperationalEventsIT {

    @Test
    void anEndpointFailingRecoveringFailingAndGoneAnnouncesEachTransitionOnce() throws Exception {
        String type = Outbound.uniqueType("ops.watched");
        try (Receiver receiver = Receiver.start()) {
            receiver.otherwise(Answer.of(500));
            String endpointId = Outbound.createEndpoint(receiver.url(), type).getString("id");
            try (Jms.Subscription operations = new Jms.Subscription(Jms.asAdmin(), "webhooks.operations",
                    "endpointId = '" + endpointId + "'")) {

                // 4 attempts (the tests' schedule): failing at the 3rd, then DEAD.
                String first = Outbound.deliveryId(Outbound.publish(type), endpointId);
                Outbound.awaitDelivery(first, "DEAD");
                awaitTypes(operations, "endpoint.failing", "delivery.dead");

                receiver.otherwise(Answer.of(200));
                Outbound.awaitDelivery(Outbound.deliveryId(Outbound.publish(type), endpointId), "DELIVERED");
                awaitTypes(operations, "endpoint.failing", "delivery.dead", "endpoint.recovered");

                receiver.otherwise(Answer.of(500));
                String third = Outbound.deliveryId(Outbound.publish(type), endpointId);
                Outbound.awaitDelivery(third, "DEAD");
                awaitTypes(operations, "endpoint.failing", "delivery.dead", "endpoint.recovered",
                        "endpoint.failing", "delivery.dead");

                receiver.otherwise(Answer.of(410));
                String gone = Outbound.deliveryId(Outbound.publish(type), endpointId);
                Outbound.awaitDelivery(gone, "DEAD");
                List<Message> all = awaitTypes(operations, "endpoint.failing", "delivery.dead", "endpoint.recovered",
                        "endpoint.failing", "delivery.dead", "delivery.dead", "endpoint.disabled");

                // Nothing else arrives once the endpoint is disabled.
                Waits.pause(Duration.ofSeconds(3));
                assertThat(operations.received()).hasSameSizeAs(all);

                JsonObject failing = body(all.get(0));
                assertThat(failing.getString("type")).isEqualTo("endpoint.failing");
                assertThat(failing.getString("endpointId")).isEqualTo(endpointId);
                assertThat(failing.getInt("consecutiveFailures")).isEqualTo(3);
                assertThat(failing.getString("url")).isEqualTo(receiver.url());
                assertThat(failing.getInt("lastStatusCode")).isEqualTo(500);
                assertThat(failing.getString("link")).isEqualTo("/dashboard/#/endpoints/" + endpointId);
                assertThat(failing.getString("occurredAt")).isNotBlank();
                assertThat(failing.getString("failingSince")).isNotBlank();

                JsonObject dead = body(all.get(1));
                assertThat(dead.getString("deliveryId")).isEqualTo(first);
                assertThat(dead.getInt("attemptCount")).isEqualTo(4);
                assertThat(dead.getString("eventType")).isEqualTo(type);
                assertThat(dead.getString("link")).isEqualTo("/dashboard/#/deliveries/" + first);

                assertThat(body(all.get(2)).getInt("failuresEnded")).as("the run the success ended").isEqualTo(4);
                assertThat(body(all.get(4)).getString("deliveryId")).isEqualTo(third);
                assertThat(body(all.get(5)).getString("deliveryId")).isEqualTo(gone);

                JsonObject disabled = body(all.get(6));
                assertThat(disabled.getString("reason")).startsWith("410 Gone from " + receiver.url());
                assertThat(disabled.getInt("lastStatusCode")).isEqualTo(410);
                assertThat(Outbound.getEndpoint(endpointId).getBoolean("enabled")).isFalse();
            }
        }
    }

    /**
     * A poison event dies: inbound.dead once, and its message in the emptied inbound DLQ begins the
     * condition inbound.dlq.growing (threshold 0), announced once.
     */
    @Test
    void aDeadInboundEventIsAnnouncedOnceAndItsMessageInTheDlqBeginsDlqGrowing() throws Exception {
        // Earlier tests leave dead messages in the DLQ, so the condition would already hold.
        TestStack.brokerManagement().exec(BrokerManagement.queueMBean(INBOUND_DLQ), "removeAllMessages()", List.of());
        Waits.await("the DLQ depth gauge to read 0").atMost(Duration.ofSeconds(30)).until(Management::scrape,
                scrape -> scrape.has(DLQ_DEPTH, "queue", INBOUND_DLQ) && scrape.sum(DLQ_DEPTH, "queue", INBOUND_DLQ) == 0);
        String source = Fixtures.uniqueName("ops-poison");
        String secret = Fixtures.createStandardSource(source);
        try (Jms.Subscription operations = new Jms.Subscription(Jms.asAdmin(), "webhooks.operations",
                "type IN ('inbound.dead', 'inbound.dlq.growing')")) {
            Reply reply = Fixtures.sendStandard(source, secret, "ops-poison-1", Fixtures.standardBody(TestEventHandlers.POISON));
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            String inboxId = reply.json().getString("inboxId");

            // The test broker's redelivery delays (0.1 + 0.2 + 0.4 + 0.8 s) come first, then the gauges' refresh.
            Waits.await("inbound.dead for inbox event " + inboxId + " and inbound.dlq.growing").atMost(Duration.ofSeconds(120))
                    .until(() -> ofType(operations, "inbound.dlq.growing").size() + ofInboxEvent(operations, inboxId).size() >= 2);
            Waits.pause(Duration.ofSeconds(6)); // one more refresh: a second announcement, if any, would come now

            List<Message> dead = ofInboxEvent(operations, inboxId);
            assertThat(dead).as("inbound.dead announced once").hasSize(1);
            assertThat(dead.get(0).getStringProperty("type")).isEqualTo("inbound.dead");
            JsonObject event = body(dead.get(0));
            assertThat(event.getString("source")).isEqualTo(source);
            assertThat(event.getString("eventId")).isEqualTo("ops-poison-1");
            assertThat(event.getInt("attemptCount")).isEqualTo(5);
            assertThat(event.getString("lastError")).contains("always fails");
            assertThat(event.getString("link")).isEqualTo("/dashboard/#/inbox/" + inboxId);
            assertThat(event.containsKey("endpointId")).isFalse();

            List<Message> growing = ofType(operations, "inbound.dlq.growing");
            assertThat(growing).as("inbound.dlq.growing announced once").hasSize(1);
            JsonObject condition = body(growing.get(0));
            assertThat(condition.getInt("depth")).isGreaterThanOrEqualTo(1);
            assertThat(condition.getInt("threshold")).isZero();
            assertThat(condition.getString("link")).isEqualTo("/dashboard/#/inbox?status=DEAD");
        }
    }

    /**
     * The same events as signed webhooks: an operator endpoint receives those of its types through the
     * dispatcher (in the delivery log like any delivery), a shop's event of the same name never
     * reaches it, and an event about an operator endpoint goes to the topic only, so a failing
     * operator endpoint causes no webhooks to another (nor to itself).
     */
    @Test
    void operatorEndpointsReceiveTheEventsAsSignedWebhooksAndNeverOnesAboutAnOperatorEndpoint() throws Exception {
        try (Receiver failing = Receiver.start(); Receiver operator = Receiver.start(); Receiver brokenOperator = Receiver.start()) {
            failing.otherwise(Answer.of(500));
            operator.otherwise(Answer.of(204));
            brokenOperator.otherwise(Answer.of(503));
            JsonObject operatorEndpoint = Outbound.createEndpoint(Outbound.endpoint(operator.url(), "endpoint.*", "delivery.dead")
                    .add("operator", true));
            String operatorId = operatorEndpoint.getString("id");
            String brokenOperatorId = Outbound.createEndpoint(Outbound.endpoint(brokenOperator.url(), "*").add("operator", true))
                    .getString("id");
            try (Jms.Subscription aboutBrokenOperator = new Jms.Subscription(Jms.asAdmin(), "webhooks.operations",
                    "endpointId = '" + brokenOperatorId + "'")) {
                assertThat(operatorEndpoint.getBoolean("operator")).isTrue();

                // A shop's event named like an operational one is no operational event.
                String shopEvent = Outbound.publish("endpoint.failing");
                assertThat(Outbound.deliveries("event=" + Outbound.encode(shopEvent)))
                        .extracting(d -> d.getString("endpointId")).doesNotContain(operatorId, brokenOperatorId);

                String type = Outbound.uniqueType("ops.webhook");
                String failingId = Outbound.createEndpoint(failing.url(), type).getString("id");
                String deliveryId = Outbound.deliveryId(Outbound.publish(type), failingId);
                Outbound.awaitDelivery(deliveryId, "DEAD");

                List<Receiver.Request> aboutFailing = Waits.await("endpoint.failing and delivery.dead of " + failingId + " as webhooks")
                        .atMost(Outbound.DELIVERY_LIMIT)
                        .until(() -> about(operator.requests(), failingId), requests -> requests.size() >= 2);
                assertThat(aboutFailing).extracting(request -> request.json().getString("type"))
                        .containsExactly("endpoint.failing", "delivery.dead");
                for (Receiver.Request request : aboutFailing) {
                    assertThat(request.verifySignature(List.of(operatorEndpoint.getString("secret")))).as("signature of %s", request).isTrue();
                    assertThat(request.webhookId()).startsWith("op_").isEqualTo(request.json().getString("id"));
                }
                JsonObject failingEvent = aboutFailing.get(0).json().getJsonObject("data");
                assertThat(failingEvent.getString("type")).isEqualTo("endpoint.failing");
                assertThat(failingEvent.getString("link")).isEqualTo("/dashboard/#/endpoints/" + failingId);
                assertThat(failingEvent.getInt("consecutiveFailures")).isEqualTo(3);
                assertThat(aboutFailing.get(1).json().getJsonObject("data").getString("deliveryId")).isEqualTo(deliveryId);
                assertThat(Outbound.deliveries("endpoint=" + Outbound.encode(operatorId) + "&event=" + Outbound.encode(aboutFailing.get(0).webhookId())))
                        .extracting(d -> d.getString("status")).containsExactly("DELIVERED");

                // The broken operator endpoint got the same events, failed them, and is failing itself:
                // announced on the topic, but to neither operator endpoint.
                Waits.await("endpoint.failing of the broken operator endpoint").atMost(Outbound.DELIVERY_LIMIT)
                        .until(() -> ofType(aboutBrokenOperator, "endpoint.failing"), found -> !found.isEmpty());
                assertThat(brokenOperator.requests()).isNotEmpty();
                Waits.pause(Duration.ofSeconds(3));
                assertThat(about(operator.requests(), brokenOperatorId)).isEmpty();
                assertThat(about(brokenOperator.requests(), brokenOperatorId)).isEmpty();
            } finally {
                assertThat(Http.admin().delete("/api/endpoints/" + operatorId).status()).isEqualTo(204);
                assertThat(Http.admin().delete("/api/endpoints/" + brokenOperatorId).status()).isEqualTo(204);
            }
        }
    }

    /** The operational events among these webhooks that concern the endpoint. */
    private static List<Receiver.Request> about(List<Receiver.Request> requests, String endpointId) {
        return requests.stream().filter(request -> endpointId.equals(request.json().getJsonObject("data").getString("endpointId", null)))
                .toList();
    }

    private static final String INBOUND_DLQ = "DLQ.webhooks.inbound";
    private static final String DLQ_DEPTH = "hookbridge_inbound_dlq_depth";

    /** Waits until exactly these types arrived, in this order; anything else arriving fails at once. */
    private static List<Message> awaitTypes(Jms.Subscription operations, String... types) {
        List<String> expected = List.of(types);
        return Waits.await("operational events " + expected).atMost(Outbound.DELIVERY_LIMIT)
                .until(operations::received, received -> {
                    List<String> arrived = received.stream().map(OperationalEventsIT::type).toList();
                    assertThat(arrived).as("operational events so far, a beginning of %s", expected)
                            .isEqualTo(expected.subList(0, Math.min(arrived.size(), expected.size())));
                    return arrived.equals(expected);
                });
    }

    private static List<Message> ofInboxEvent(Jms.Subscription operations, String inboxId) {
        return operations.received().stream().filter(m -> inboxId.equals(body(m).getString("inboxId", null))).toList();
    }

    private static List<Message> ofType(Jms.Subscription operations, String type) {
        return operations.received().stream().filter(m -> type.equals(type(m))).toList();
    }

    private static String type(Message message) {
        return Jms.property(message, "type");
    }

    private static JsonObject body(Message message) {
        try {
            return Json.createReader(new StringReader(((TextMessage) message).getText())).readObject();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
