package dev.hookbridge.faults;

import dev.hookbridge.faults.support.Api;
import dev.hookbridge.faults.support.Database;
import dev.hookbridge.faults.support.FaultStack;
import dev.hookbridge.faults.support.FaultTable;
import dev.hookbridge.faults.support.TopicListener;
import dev.hookbridge.testsupport.Receiver;
import dev.hookbridge.testsupport.Waits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outbound delivery under faults: receivers that are down for the whole
 * retry window but its end (every event arrives once they are back) or for good (DEAD and a message
 * on webhooks.outbound.dead).
 */
class OutboundFaultsIT {

    private static final Duration LIMIT = Duration.ofMinutes(3);

    @Test
    void receiverDownForTheWholeRetryWindowButItsEndGetsEveryEvent() {
        int events = 20;
        try (Receiver receiver = Receiver.start()) {
            receiver.goDown();
            String type = Api.uniqueName("late");
            String endpoint = Api.createEndpoint(receiver.url(), type);
            Set<String> published = new HashSet<>();
            for (int i = 0; i < events; i++) {
                published.add(Api.publish(type, type + "-" + i));
            }
            // Three attempts refused (schedule PT1S,PT1S,PT20S: four attempts), then back before the last one.
            Waits.awaitThroughErrors("every delivery to have failed three times").atMost(LIMIT)
                    .until(() -> Database.queryInt("select count(*) from delivery where endpoint_id = ? and attempts >= 3", endpoint),
                    n -> n == events);
            assertThat(Database.queryInt("select count(*) from delivery where endpoint_id = ? and attempts = 3 and status = 'PENDING'",
                    endpoint)).as("deliveries still waiting for their last attempt when the receiver comes back").isEqualTo(events);
            receiver.comeBack();
            Waits.awaitThroughErrors("every delivery to be delivered").atMost(LIMIT)
                    .until(() -> Database.queryInt("select count(*) from delivery where endpoint_id = ? and status = 'DELIVERED'", endpoint),
                    n -> n == events);
            Map<String, Integer> received = receiver.arrivalsPerWebhookId();
            int lost = (int) published.stream().filter(id -> !received.containsKey(id)).count();
            int duplicates = (int) received.values().stream().filter(n -> n > 1).count();
            int lastAttempt = Database.queryInt("select min(attempts) from delivery where endpoint_id = ?", endpoint);
            int latestAttempt = Database.queryInt("select max(attempts) from delivery where endpoint_id = ?", endpoint);
            FaultTable.add(new FaultTable.Row("receiver down for the retry window except its end (" + FaultStack.RETRY_SCHEDULE + ")",
                    1, events, events, events - lost, duplicates, lost,
                    "connections refused for attempts 1-3; delivered at attempt " + lastAttempt));
            assertThat(lost).isZero();
            assertThat(duplicates).isZero();
            assertThat(lastAttempt).isEqualTo(4);
            assertThat(latestAttempt).isEqualTo(4);
        }
    }

    @Test
    void receiverThatNeverComesBackEndsDeadWithADeadLetterMessage() {
        int events = 5;
        Receiver gone = Receiver.start();
        String url = gone.url();
        gone.close();
        String type = Api.uniqueName("gone");
        String endpoint = Api.createEndpoint(url, type);
        try (TopicListener deadLetters = new TopicListener("webhooks.outbound.dead", "endpointId = '" + endpoint + "'", "eventId")) {
            for (int i = 0; i < events; i++) {
                Api.publish(type, type + "-" + i);
            }
            Waits.awaitThroughErrors("every delivery to be DEAD").atMost(LIMIT)
                    .until(() -> Database.queryInt("select count(*) from delivery where endpoint_id = ? and status = 'DEAD'", endpoint),
                    n -> n == events);
            List<String> announced = Waits.awaitThroughErrors("a dead-letter message per delivery").atMost(Duration.ofSeconds(30))
                    .until(deadLetters::values, v -> v.size() >= events);
            FaultTable.add(new FaultTable.Row("receiver never comes back", 1, events, events, announced.size(), 0, 0,
                    events + " deliveries DEAD after 4 refused attempts; messages on webhooks.outbound.dead: " + announced.size()));
            assertThat(new HashSet<>(announced)).hasSize(events);
            assertThat(announced).hasSize(events);
        }
    }
}
