package dev.hookbridge.it;

import dev.hookbridge.it.support.Http;
import dev.hookbridge.it.support.Outbound;
import dev.hookbridge.it.support.Reply;
import dev.hookbridge.it.support.SystemTest;
import dev.hookbridge.it.support.TestStack;
import dev.hookbridge.stack.WildFlyServer;
import dev.hookbridge.testsupport.Receiver;
import dev.hookbridge.testsupport.Waits;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two WildFly nodes on one database and broker dispatch the same outbox at the same time: every
 * delivery is claimed by one of them only, so the receiver gets each event exactly once.
 */
@SystemTest
class TwoNodeDispatchIT {

    private static final int EVENTS = 300;

    @Test
    void twoNodesRacingOnTheSameRowsSendEachDeliveryOnce() throws Exception {
        WildFlyServer secondNode = TestStack.get().startNode("wildfly-node2", 200);
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
        } finally {
            secondNode.stop();
        }
    }

    /** The deliveries to this endpoint a node logged as delivered. */
    private static long deliveredIn(WildFlyServer node, String endpointId) throws java.io.IOException {
        return Files.readAllLines(node.logFile()).stream()
                .filter(line -> line.contains("Delivered deliveryId=") && line.contains("endpointId=" + endpointId + " "))
                .count();
    }
}
