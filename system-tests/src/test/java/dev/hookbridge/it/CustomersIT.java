package dev.hookbridge.it;

import dev.hookbridge.it.support.Http;
import dev.hookbridge.it.support.Jms;
import dev.hookbridge.it.support.Outbound;
import dev.hookbridge.it.support.Problems;
import dev.hookbridge.it.support.Reply;
import dev.hookbridge.it.support.SystemTest;
import dev.hookbridge.testsupport.QueueBrowsing;
import dev.hookbridge.testsupport.Receiver;
import dev.hookbridge.testsupport.Receiver.Answer;
import dev.hookbridge.testsupport.Waits;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Customers (docs/customers.md): endpoints that belong to a customer, events published for one that
 * reach only that customer's endpoints, events for no customer that reach only the shop's own, and a
 * customer's deletion.
 */
@SystemTest
class CustomersIT {

    @Test
    void aCustomerIsCreatedReadListedReplacedAndDeleted() {
        String id = customerId();
        Reply created = Http.admin().putJson("/api/customers/" + id, "{\"name\": \"Acme\", \"metadata\": {\"plan\": \"gold\"}}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().getString("name")).isEqualTo("Acme");
        assertThat(created.json().getJsonObject("metadata").getString("plan")).isEqualTo("gold");
        Reply replaced = Http.admin().putJson("/api/customers/" + id, "{\"name\": \"Acme Ltd\"}");
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(Http.viewer().get("/api/customers/" + id).json().getString("name")).isEqualTo("Acme Ltd");
        assertThat(Http.viewer().get("/api/customers?limit=500").items())
                .anySatisfy(c -> assertThat(c.asJsonObject().getString("id")).isEqualTo(id));
        Problems.assertProblem(Http.viewer().putJson("/api/customers/" + id, "{}"), 403);
        Problems.assertProblem(Http.admin().putJson("/api/customers/bad%20id", "{}"), 400);
        assertThat(Http.admin().delete("/api/customers/" + id).status()).isEqualTo(204);
        Problems.assertProblem(Http.admin().get("/api/customers/" + id), 404);
    }

    @Test
    void anEventForACustomerReachesOnlyThatCustomersEndpointsAndOneForNoCustomerOnlyTheShops() {
        String a = createCustomer();
        String b = createCustomer();
        String type = Outbound.uniqueType("invoice.paid");
        try (Receiver ofA = Receiver.start(); Receiver ofB = Receiver.start(); Receiver shops = Receiver.start()) {
            JsonObject endpointOfA = Outbound.createEndpoint(Outbound.endpoint(ofA.url(), type).add("customer", a));
            assertThat(endpointOfA.getString("customer")).isEqualTo(a);
            Outbound.createEndpoint(Outbound.endpoint(ofB.url(), type).add("customer", b));
            Outbound.createEndpoint(shops.url(), type);

            String forA = publish(type, a);
            String forNobody = publish(type, null);

            assertThat(ofA.awaitRequests(1).get(0).json().getString("id")).isEqualTo(forA);
            assertThat(shops.awaitRequests(1).get(0).json().getString("id")).isEqualTo(forNobody);
            // Both events are delivered where they belong; give strays the time a delivery takes.
            Waits.pause(Duration.ofSeconds(2));
            assertThat(ofA.requests()).hasSize(1);
            assertThat(shops.requests()).hasSize(1);
            assertThat(ofB.requests()).as("customer B's endpoint").isEmpty();

            JsonObject event = Http.admin().get("/api/events/" + forA).json();
            assertThat(event.getString("customer")).isEqualTo(a);
            assertThat(Http.admin().get("/api/events/" + forNobody).json().containsKey("customer")).isFalse();
            assertThat(Http.admin().get("/api/endpoints?customer=" + a).items()).singleElement()
                    .satisfies(e -> assertThat(e.asJsonObject().getString("id")).isEqualTo(endpointOfA.getString("id")));
            assertThat(Outbound.deliveries("customer=" + a)).singleElement()
                    .satisfies(d -> assertThat(d.getString("eventId")).isEqualTo(forA));
            List<JsonObject> feed = Http.admin().get("/api/events?customer=" + a + "&limit=500").items().stream()
                    .map(v -> v.asJsonObject()).toList();
            assertThat(feed).extracting(e -> e.getString("id")).containsExactly(forA);
        }
    }

    @Test
    void anEventForAnUnknownCustomerIsRefusedAndNothingIsStored() {
        String id = "evt_" + UUID.randomUUID();
        JsonObject refused = Problems.assertProblem(Http.admin().postJson("/api/events",
                "{\"type\": \"order.created\", \"id\": \"%s\", \"customer\": \"%s\", \"data\": {}}".formatted(id, customerId())), 422);
        assertThat(refused.getString("detail")).contains("no customer");
        Problems.assertProblem(Http.admin().get("/api/events/" + id), 404);
        Problems.assertInvalidField(Http.admin().postJson("/api/endpoints",
                Outbound.endpoint("https://example.com/hook", "order.created").add("customer", customerId()).build().toString()), "customer");
        Problems.assertInvalidField(Http.admin().postJson("/api/endpoints", Outbound.endpoint("https://example.com/hook", "order.created")
                .add("customer", createCustomer()).add("sources", Outbound.array("github")).build().toString()), "sources");
    }

    @Test
    void anEventOverJmsForACustomerReachesThatCustomersEndpointAndOneForAnUnknownCustomerIsParked() throws JMSException {
        String customer = createCustomer();
        String type = Outbound.uniqueType("order.shipped");
        try (Receiver receiver = Receiver.start(); Receiver shops = Receiver.start()) {
            Outbound.createEndpoint(Outbound.endpoint(receiver.url(), type).add("customer", customer));
            Outbound.createEndpoint(shops.url(), type);
            String eventId = "jms-" + UUID.randomUUID();
            Jms.send(Jms.asClient(), "webhooks.outbound", "{\"order\": 1}", Map.of("type", type, "eventId", eventId, "customer", customer));
            assertThat(receiver.awaitRequests(1).get(0).json().getString("id")).isEqualTo(eventId);
            Waits.pause(Duration.ofSeconds(2));
            assertThat(shops.requests()).isEmpty();

            String marker = UUID.randomUUID().toString();
            Jms.send(Jms.asClient(), "webhooks.outbound", "{\"order\": 2}", Map.of("type", type, "customer", customerId(), "testMarker", marker));
            List<Message> parked = Waits.await("the message for an unknown customer in DLQ.webhooks.outbound").atMost(Duration.ofSeconds(30))
                    .until(() -> QueueBrowsing.browse(Jms.asAdmin(), "DLQ.webhooks.outbound", "testMarker = '" + marker + "'"), l -> !l.isEmpty());
            assertThat(parked.get(0).getStringProperty("reason")).contains("no customer");
        }
    }

    @Test
    void deletingACustomerDeletesItsEndpointsAndMarksTheirPendingDeliveriesDead() {
        String customer = createCustomer();
        String type = Outbound.uniqueType("invoice.due");
        try (Receiver receiver = Receiver.start()) {
            // The receiver is down, so the delivery stays pending (its next attempt minutes away).
            receiver.otherwise(Answer.of(503));
            String endpointId = Outbound.createEndpoint(Outbound.endpoint(receiver.url(), type).add("customer", customer)).getString("id");
            String eventId = publish(type, customer);
            receiver.awaitRequests(1);

            assertThat(Http.admin().delete("/api/customers/" + customer).status()).isEqualTo(204);
            Problems.assertProblem(Http.admin().get("/api/endpoints/" + endpointId), 404);
            JsonObject delivery = Outbound.deliveries("event=" + Outbound.encode(eventId)).get(0);
            assertThat(delivery.getString("status")).isEqualTo("DEAD");
            assertThat(delivery.getString("lastError")).contains("customer " + customer + " deleted");
            assertThat(Http.admin().get("/api/events/" + eventId).json().getString("customer")).as("history stays").isEqualTo(customer);
            JsonObject refused = Problems.assertProblem(Http.admin().postJson("/api/events",
                    "{\"type\": \"%s\", \"customer\": \"%s\", \"data\": {}}".formatted(type, customer)), 422);
            assertThat(refused.getString("detail")).contains("no customer");
        }
    }

    private static String publish(String type, String customer) {
        var body = Json.createObjectBuilder().add("type", type).add("data", Outbound.data());
        if (customer != null) {
            body.add("customer", customer);
        }
        Reply reply = Http.admin().postJson("/api/events", body.build().toString());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
        return reply.json().getString("id");
    }

    private static String createCustomer() {
        String id = customerId();
        Reply created = Http.admin().putJson("/api/customers/" + id, "{\"name\": \"Customer " + id + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return id;
    }

    private static String customerId() {
        return "cus_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }
}
