package dev.hookbridge.it;

import dev.hookbridge.it.support.Http;
import dev.hookbridge.it.support.Jms;
import dev.hookbridge.it.support.Outbound;
import dev.hookbridge.it.support.Reply;
import dev.hookbridge.it.support.SystemTest;
import dev.hookbridge.it.support.TestStack;
import dev.hookbridge.stack.WildFlyServer;
import dev.hookbridge.testsupport.Receiver;
import dev.hookbridge.testsupport.Receiver.Answer;
import dev.hookbridge.testsupport.Waits;
import jakarta.jms.Message;
import jakarta.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two WildFly nodes on one database and broker dispatch the same outbox at the same time: every
 * delivery is claimed by one of them only, so the receiver gets each event exactly once, an
 * endpoint's rate limit holds for both nodes together, and the endpoint's transitions that both
 * nodes' outcomes cause are announced on {@code webhooks.operations} once each.
 */
@SystemTest
class TwoNodeDispatchIT {

    private static final int EVENTS = 300;
    /** The rate limit of the endpoint both nodes send to, per second. */
    private static final int RATE = 10;
    /** Events published in each round of the operational-events test. */
    private static final int RACED_EVENTS = 20;

    private static WildFlyServer secondNode;

    @BeforeAll
    static void startSecondNode() {
        secondNode = TestStack.get().startNode("wildfly-node2", 200);
    }

    @AfterAll
    static void stopSecondNode() {
        if (secondNode != null) {
            secondNode.stop();
        }
    }

    @Test
    void twoNodesRacingOnTheSameRowsSendEachDeliveryOnce() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            // Slow enough that a backlog builds up which both nodes' dispatchers claim from at once.
            receiver.otherwise(Receiver.Answer.slow(Duration.ofMillis(50), 200));
            String type = Outbound.uniqueType("race");
            String endpointId = Outbound.createEndpoint(receiver.url(), type).getString("id");

            // Published alternately through each node: each commit wakes the dispatcher of its own
            // node, and both claim from the same rows.
            String body = Json.createObjectBuilder().add("type", type).add("data", Json.createObjectBuilder()).build().toString();
            for (int i = 0; i < EVENTS; i++) {
                Http client = i % 2 == 0 ? Http.admin() : Http.admin().at(secondNode.baseUrl());
                Reply published = client.postJson("/api/events", body);
                assertThat(published.status()).as(published.toString()).isEqualTo(202);
            }

            Waits.await("all " + EVENTS + " deliveries at the receiver").atMost(Duration.ofMinutes(3))
                    .until(() -> receiver.requests().size(), count -> count >= EVENTS);
            Thread.sleep(2_000); // a duplicate, if any, would arrive right behind the original
            Map<String, Long> perEvent = receiver.requests().stream()
                    .collect(Collectors.groupingBy(Receiver.Request::webhookId, Collectors.counting()));
            assertThat(perEvent).hasSize(EVENTS);
            assertThat(perEvent.values()).allMatch(count -> count == 1);

            // Both nodes really raced: each delivered part of the backlog, and together each event once.
            long byFirstNode = deliveredIn(TestStack.get().wildfly(), endpointId);
            long bySecondNode = deliveredIn(secondNode, endpointId);
            assertThat(byFirstNode).as("deliveries sent by the first node").isPositive();
            assertThat(bySecondNode).as("deliveries sent by the second node").isPositive();
            assertThat(byFirstNode + bySecondNode).isEqualTo(EVENTS);
        }
    }

    /**
     * Both nodes send to one endpoint limited to {@value #RATE} a second, from a backlog that outlasts
     * the burst: measured at the receiver, the rate after the burst is the limit within 10 %, not
     * twice it, and no second holds much more than the burst plus one second's worth.
     */
    @Test
    void anEndpointsRateLimitHoldsForBothNodesTogether() throws Exception {
        int events = 160;
        try (Receiver receiver = Receiver.start()) {
            String type = Outbound.uniqueType("limited");
            String endpointId = Outbound.createEndpoint(Outbound.endpoint(receiver.url(), type).add("rateLimitPerSecond", RATE))
                    .getString("id");
            String body = Json.createObjectBuilder().add("type", type).add("data", Json.createObjectBuilder()).build().toString();
            for (int i = 0; i < events; i++) {
                Http client = i % 2 == 0 ? Http.admin() : Http.admin().at(secondNode.baseUrl());
                Reply published = client.postJson("/api/events", body);
                assertThat(published.status()).as(published.toString()).isEqualTo(202);
            }

            Waits.await("all " + events + " deliveries at the receiver").atMost(Duration.ofMinutes(2))
                    .until(() -> receiver.requests().size(), count -> count >= events);
            List<Instant> arrivals = receiver.requests().stream().map(Receiver.Request::receivedAt).sorted().toList();
            // After the first second's burst (the bucket starts full), the deliveries come at the rate.
            Instant afterBurst = arrivals.get(RATE);
            Instant last = arrivals.get(arrivals.size() - 1);
            double measured = (arrivals.size() - 1 - RATE) / (Duration.between(afterBurst, last).toNanos() / 1e9);
            System.out.printf("Rate limit %d/s with two nodes: %.2f/s at the receiver after the burst%n", RATE, measured);
            assertThat(measured).as("deliveries per second at the receiver after the burst, both nodes sending")
                    .isBetween(RATE * 0.9, RATE * 1.1);
            int busiestSecond = 0;
            for (int i = 0; i < arrivals.size(); i++) {
                Instant windowEnd = arrivals.get(i).plusSeconds(1);
                int inWindow = (int) arrivals.stream().skip(i).takeWhile(at -> at.isBefore(windowEnd)).count();
                busiestSecond = Math.max(busiestSecond, inWindow);
            }
            // A bucket lets through at most two seconds' worth in one second (the burst and the refill);
            // the receiver sees arrival times, which jitter, so a little more. A bucket per node would
            // let four seconds' worth through.
            assertThat(busiestSecond).as("deliveries in the busiest second").isLessThanOrEqualTo(2 * RATE + RATE / 2);
            assertThat(deliveredIn(TestStack.get().wildfly(), endpointId)).as("deliveries sent by the first node").isPositive();
            assertThat(deliveredIn(secondNode, endpointId)).as("deliveries sent by the second node").isPositive();
        }
    }

    /**
     * Two nodes record the failed attempts of many deliveries to one endpoint at the same time, then
     * its successes, then failures again and a 410: the endpoint goes failing, recovered, failing,
     * disabled, and exactly those four transitions are announced, in that order, with one
     * delivery.dead per dead delivery.
     */
    @Test
    void twoNodesRecordingOutcomesAtOnceAnnounceEachTransitionOnce() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            // Slow enough that attempts of both nodes overlap.
            receiver.otherwise(Answer.slow(Duration.ofMillis(50), 500));
            String type = Outbound.uniqueType("ops.raced");
            String endpointId = Outbound.createEndpoint(receiver.url(), type).getString("id");
            try (Jms.Subscription operations = new Jms.Subscription(Jms.asAdmin(), "webhooks.operations",
                    "endpointId = '" + endpointId + "'")) {
                List<String> failed = publishThroughBothNodes(type, endpointId);
                for (String deliveryId : failed) {
                    Outbound.awaitDelivery(deliveryId, "DEAD");
                }
                Map<String, Long> afterFailures = Waits.await("a delivery.dead per delivery").atMost(Outbound.DELIVERY_LIMIT)
                        .until(() -> countByType(operations), counts -> counts.getOrDefault("delivery.dead", 0L) >= RACED_EVENTS);

                receiver.otherwise(Answer.slow(Duration.ofMillis(50), 200));
                for (String deliveryId : publishThroughBothNodes(type, endpointId)) {
                    Outbound.awaitDelivery(deliveryId, "DELIVERED");
                }
                Map<String, Long> all = Waits.await("endpoint.recovered").atMost(Outbound.DELIVERY_LIMIT)
                        .until(() -> countByType(operations), counts -> counts.containsKey("endpoint.recovered"));
                Waits.pause(Duration.ofSeconds(3)); // a second announcement, if any, would arrive right behind

                assertThat(afterFailures).containsExactlyInAnyOrderEntriesOf(
                        Map.of("endpoint.failing", 1L, "delivery.dead", (long) RACED_EVENTS));
                assertThat(countByType(operations)).isEqualTo(all).containsExactlyInAnyOrderEntriesOf(
                        Map.of("endpoint.failing", 1L, "delivery.dead", (long) RACED_EVENTS, "endpoint.recovered", 1L));
                assertThat(failuresLoggedBy(TestStack.get().wildfly(), endpointId)).as("failed attempts of the first node").isPositive();
                assertThat(failuresLoggedBy(secondNode, endpointId)).as("failed attempts of the second node").isPositive();

                receiver.otherwise(Answer.slow(Duration.ofMillis(50), 500));
                for (String deliveryId : publishThroughBothNodes(type, endpointId)) {
                    Outbound.awaitDelivery(deliveryId, "DEAD");
                }
                receiver.otherwise(Answer.of(410));
                String gone = Outbound.deliveryId(Outbound.publish(type), endpointId);
                Outbound.awaitDelivery(gone, "DEAD");
                Waits.await("endpoint.disabled").atMost(Outbound.DELIVERY_LIMIT)
                        .until(() -> countByType(operations), counts -> counts.containsKey("endpoint.disabled"));
                Waits.pause(Duration.ofSeconds(3));

                assertThat(operations.received().stream().map(TwoNodeDispatchIT::operationType).filter(t -> t.startsWith("endpoint.")))
                        .containsExactly("endpoint.failing", "endpoint.recovered", "endpoint.failing", "endpoint.disabled");
                assertThat(countByType(operations).get("delivery.dead")).isEqualTo(2L * RACED_EVENTS + 1);
            }
        }
    }

    /** The deliveries to this endpoint a node logged as delivered. */
    private static long deliveredIn(WildFlyServer node, String endpointId) throws IOException {
        return Files.readAllLines(node.logFile()).stream()
                .filter(line -> line.contains("Delivered deliveryId=") && line.contains("endpointId=" + endpointId + " "))
                .count();
    }

    /** Publishes {@link #RACED_EVENTS} events alternately through each node; answers their deliveries to the endpoint. */
    private static List<String> publishThroughBothNodes(String type, String endpointId) {
        String body = Json.createObjectBuilder().add("type", type).add("data", Json.createObjectBuilder()).build().toString();
        List<String> deliveries = new ArrayList<>();
        for (int i = 0; i < RACED_EVENTS; i++) {
            Http client = i % 2 == 0 ? Http.admin() : Http.admin().at(secondNode.baseUrl());
            Reply published = client.postJson("/api/events", body);
            assertThat(published.status()).as(published.toString()).isEqualTo(202);
            deliveries.add(Outbound.deliveryId(published.json().getString("id"), endpointId));
        }
        return deliveries;
    }

    private static Map<String, Long> countByType(Jms.Subscription operations) {
        return operations.received().stream().collect(Collectors.groupingBy(TwoNodeDispatchIT::operationType, Collectors.counting()));
    }

    /** The failed attempts to this endpoint a node logged. */
    private static long failuresLoggedBy(WildFlyServer node, String endpointId) throws IOException {
        return Files.readAllLines(node.logFile()).stream()
                .filter(line -> (line.contains("Attempt failed deliveryId=") || line.contains("Delivery DEAD deliveryId="))
                        && line.contains("endpointId=" + endpointId + " "))
                .count();
    }

    private static String operationType(Message message) {
        return Jms.property(message, "type");
    }
}
