package dev.hookbridge.faults;

import dev.hookbridge.faults.support.Api;
import dev.hookbridge.faults.support.Database;
import dev.hookbridge.faults.support.FaultStack;
import dev.hookbridge.faults.support.FaultTable;
import dev.hookbridge.faults.support.Profile;
import dev.hookbridge.faults.support.TopicListener;
import dev.hookbridge.stack.Stack;
import dev.hookbridge.stack.WildFlyServer;
import dev.hookbridge.testsupport.Receiver;
import dev.hookbridge.testsupport.Receiver.Answer;
import dev.hookbridge.testsupport.Waits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outbound delivery under faults: a WildFly node killed while its attempts are in flight (a second
 * node takes its claims over once their lease has passed; every event arrives at least once, and
 * only attempts in flight at the kill may arrive twice), and receivers that are down for the whole
 * retry window but its end (every event arrives once they are back) or for good (DEAD and a message
 * on webhooks.outbound.dead).
 */
class OutboundFaultsIT {

    private static final Duration LIMIT = Duration.ofMinutes(3);

    @Test
    void nodeKilledMidDispatchLosesNothingAndItsClaimsAreTakenOverAfterTheLease() {
        Profile profile = Profile.current();
        Stack stack = FaultStack.get();
        WildFlyServer nodeB = stack.startNode("node-b", 100);
        try (Receiver receiver = Receiver.start().otherwise(Answer.slow(Duration.ofMillis(300), 200))) {
            String type = Api.uniqueName("dispatch");
            String endpoint = Api.createEndpoint(receiver.url(), type);
            Set<String> published = new HashSet<>();
            for (int i = 0; i < profile.dispatchEvents(); i++) {
                published.add(Api.publish(type, type + "-" + i));
            }
            Waits.awaitThroughErrors("the receiver to get a quarter of the events").atMost(LIMIT)
                    .until(() -> receiver.arrivalsPerWebhookId().size(), n -> n >= profile.dispatchEvents() / 4);
            stack.wildfly().kill();
            Instant killedAt = Instant.now();
            // Claimed at the kill: by the dead node, or by node B, which ends its own attempts within their timeout (5 s).
            Set<String> claimedAtKill = new HashSet<>(Database.rows("select event_id from delivery where endpoint_id = ?"
                    + " and status = 'PENDING' and claimed_until > now()", endpoint).stream().map(r -> r.get(0)).toList());
            Waits.pause(Duration.ofSeconds(10));
            // Still claimed and pending 10 s later: the dead node's claims, each with the lease end it had at the kill.
            Map<String, String> orphanLeases = new HashMap<>();
            for (List<String> row : Database.rows("select event_id, claimed_until::text from delivery where endpoint_id = ?"
                    + " and status = 'PENDING' and claimed_until > now()", endpoint)) {
                if (claimedAtKill.contains(row.get(0))) {
                    orphanLeases.put(row.get(0), row.get(1));
                }
            }
            Waits.awaitThroughErrors("every event to be delivered").atMost(LIMIT)
                    .until(() -> Database.queryInt("select count(*) from delivery where endpoint_id = ? and status <> 'DELIVERED'", endpoint),
                    n -> n == 0);
            // Taken over only once the lease had passed: delivered at or after the claimed_until seen at the kill.
            int deliveredBeforeLeaseEnd = 0;
            for (Map.Entry<String, String> orphan : orphanLeases.entrySet()) {
                deliveredBeforeLeaseEnd += Database.queryInt("select count(*) from delivery where endpoint_id = ? and event_id = ?"
                        + " and delivered_at < ?::timestamptz", endpoint, orphan.getKey(), orphan.getValue());
            }
            long secondsToTakeOver = orphanLeases.isEmpty() ? -1 : Database.queryInt(
                    "select extract(epoch from min(delivered_at) - ?::timestamptz)::int from delivery where endpoint_id = ?"
                            + " and event_id = any(string_to_array(?, ','))", killedAt.toString(), endpoint,
                    String.join(",", orphanLeases.keySet()));
            stack.wildfly().start();

            Map<String, Integer> received = receiver.arrivalsPerWebhookId();
            int lost = (int) published.stream().filter(id -> !received.containsKey(id)).count();
            Set<String> duplicated = new HashSet<>();
            received.forEach((id, n) -> {
                if (n > 1) {
                    duplicated.add(id);
                }
            });
            Set<String> duplicatedOutsideTheKill = new HashSet<>(duplicated);
            duplicatedOutsideTheKill.removeAll(claimedAtKill);
            FaultTable.add(new FaultTable.Row("WildFly SIGKILL mid-dispatch (2 nodes, receiver answers after 300 ms)", 1,
                    published.size(), published.size(), published.size() - lost, duplicated.size(), lost,
                    String.format("%d deliveries claimed at the kill, %d of them by the dead node: taken over by node B after"
                                    + " their lease, the first %d s after the kill (%d before the lease end); duplicates all among the"
                                    + " attempts in flight at the kill: %s", claimedAtKill.size(), orphanLeases.size(), secondsToTakeOver,
                            deliveredBeforeLeaseEnd, duplicatedOutsideTheKill.isEmpty())));

            assertThat(lost).as("events never received").isZero();
            assertThat(duplicatedOutsideTheKill).as("duplicates of attempts not in flight at the kill").isEmpty();
            assertThat(orphanLeases).as("claims of the dead node at the kill").isNotEmpty();
            assertThat(deliveredBeforeLeaseEnd).as("claims of the dead node taken over before their lease ended").isZero();
        } finally {
            nodeB.stop();
        }
    }

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
