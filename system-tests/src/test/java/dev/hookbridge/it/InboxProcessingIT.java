package dev.hookbridge.it;

import dev.hookbridge.it.handlers.TestEventHandlers;
import dev.hookbridge.it.support.Fixtures;
import dev.hookbridge.it.support.Http;
import dev.hookbridge.it.support.Jms;
import dev.hookbridge.it.support.Reply;
import dev.hookbridge.it.support.SystemTest;
import dev.hookbridge.testsupport.QueueBrowsing;
import dev.hookbridge.testsupport.Signer;
import dev.hookbridge.testsupport.Waits;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Processing of accepted events by the MDB: redelivery with the broker's policy, DEAD and the DLQ
 * after the broker's delivery limit (5 in broker.xml), replay, and ordering groups.
 * The failures come from TestEventHandlers, in-app observers deployed only in the tests' EAR.
 */
@SystemTest
class InboxProcessingIT {

    /** broker.xml: max-delivery-attempts of webhooks.inbound. */
    private static final int BROKER_DELIVERY_LIMIT = 5;

    @Test
    void poisonEventIsDeadAndParkedInTheDlqAfterExactlyTheBrokersDeliveries() {
        String source = Fixtures.uniqueName("poison");
        String secret = Signer.newStandardSecret();
        Fixtures.createSource(source, "standard", List.of(secret), Map.of(), "/data/customer");
        String body = Json.createObjectBuilder().add("type", TestEventHandlers.POISON)
                .add("data", Json.createObjectBuilder().add("customer", "cus_42")).build().toString();

        Reply reply = Fixtures.sendStandard(source, secret, "poison-1", body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);

        // The test broker's redelivery delays (0.1 + 0.2 + 0.4 + 0.8 s), then the broker gives up.
        JsonObject dead = Waits.await("the poison event to be DEAD").atMost(Duration.ofSeconds(120))
                .until(() -> Fixtures.inboxDetail(reply.json().getString("inboxId")), row -> "DEAD".equals(row.getString("status")));
        assertThat(dead.getInt("attempts")).isEqualTo(BROKER_DELIVERY_LIMIT);
        assertThat(dead.getString("lastError")).contains("poison event poison-1 always fails");

        List<Message> parked = Waits.await("the message in DLQ.webhooks.inbound")
                .until(() -> QueueBrowsing.browse(Jms.asAdmin(), "DLQ.webhooks.inbound", "source = '" + source + "'"), l -> !l.isEmpty());
        assertThat(parked).hasSize(1);
        assertThat(Jms.property(parked.get(0), "eventId")).isEqualTo("poison-1");
        // The source's orderingKey (/data/customer) became the message group.
        assertThat(Jms.property(parked.get(0), "JMSXGroupID")).isEqualTo("cus_42");
    }

    @Test
    void failingProcessingIsRedeliveredUntilItSucceedsAndEachFailureIsRecorded() {
        String source = Fixtures.uniqueName("flaky");
        String secret = Fixtures.createStandardSource(source);

        Reply reply = Fixtures.sendStandard(source, secret, "flaky-1", Fixtures.standardBody(TestEventHandlers.FLAKY));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);

        JsonObject processed = Fixtures.awaitStatus(reply.json().getString("inboxId"), "PROCESSED");
        assertThat(processed.getInt("attempts")).isEqualTo(TestEventHandlers.FLAKY_FAILURES + 1);
        assertThat(processed.getString("lastError")).contains("flaky event flaky-1 fails this time");
    }

    @Test
    void replayProcessesAnEventAgainAndPublishesItAgain() throws JMSException {
        String source = Fixtures.uniqueName("replay");
        String secret = Fixtures.createStandardSource(source);
        Reply reply = Fixtures.sendStandard(source, secret, "replay-1", Fixtures.standardBody("thing.happened"));
        String inboxId = reply.json().getString("inboxId");
        Fixtures.awaitStatus(inboxId, "PROCESSED");

        try (Jms.Subscription events = new Jms.Subscription(Jms.asAdmin(), "webhooks.events", "source = '" + source + "'")) {
            Reply replay = Http.admin().post("/api/inbox/" + inboxId + "/replay", null, new byte[0]);
            assertThat(replay.status()).as(replay.toString()).isEqualTo(202);

            List<Message> published = Waits.await("the replayed event on webhooks.events").until(events::received, l -> !l.isEmpty());
            assertThat(Jms.property(published.get(0), "eventId")).isEqualTo("replay-1");
        }
        assertThat(Fixtures.inboxDetail(inboxId).getString("status")).isEqualTo("PROCESSED");
    }

    @Test
    void replayOfAnUnknownEventIsNotFound() {
        Reply reply = Http.admin().post("/api/inbox/999999999/replay", null, new byte[0]);
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }
}
