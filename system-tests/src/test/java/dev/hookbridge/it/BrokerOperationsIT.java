package dev.hookbridge.it;

import dev.hookbridge.it.handlers.TestEventHandlers;
import dev.hookbridge.it.support.Fixtures;
import dev.hookbridge.it.support.Jms;
import dev.hookbridge.it.support.Reply;
import dev.hookbridge.it.support.SystemTest;
import dev.hookbridge.it.support.TestStack;
import dev.hookbridge.testsupport.BrokerManagement;
import dev.hookbridge.testsupport.QueueBrowsing;
import dev.hookbridge.testsupport.Waits;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What artemis-config/README.md ("Operating the broker") tells ops and JMS teams to do, done the
 * way it says: move a dead inbound event's message from DLQ.webhooks.inbound back to
 * webhooks.inbound with the broker's management API (the console's Jolokia, queue operation
 * moveMessages), after which the application processes it again as a new delivery (DEAD becomes
 * PROCESSED, the event is published); and subscribe durably to webhooks.events with a subscription
 * ops granted to the client's role.
 */
@SystemTest
class BrokerOperationsIT {

    private static final String DLQ = "DLQ.webhooks.inbound";
    private static final String INBOUND = "webhooks.inbound";

    @Test
    void aDeadEventMovedBackFromTheDlqByTheManagementApiIsProcessed() throws JMSException {
        String source = Fixtures.uniqueName("revive");
        String secret = Fixtures.createStandardSource(source);
        Reply reply = Fixtures.sendStandard(source, secret, "revive-1", Fixtures.standardBody(TestEventHandlers.REVIVABLE));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        String inboxId = reply.json().getString("inboxId");
        String selector = "source = '" + source + "'";

        JsonObject dead = Waits.await("the event to be DEAD").atMost(Duration.ofSeconds(120))
                .until(() -> Fixtures.inboxDetail(inboxId), row -> "DEAD".equals(row.getString("status")));
        assertThat(dead.getInt("attempts")).isEqualTo(TestEventHandlers.REVIVABLE_FAILURES);
        Waits.await("the message in " + DLQ).until(() -> QueueBrowsing.browse(Jms.asAdmin(), DLQ, selector), l -> l.size() == 1);

        try (Jms.Subscription events = new Jms.Subscription(Jms.asAdmin(), "webhooks.events", selector)) {
            // The console's "Move" and ops scripts call this operation; the filter picks this event's message.
            JsonNumber moved = (JsonNumber) TestStack.brokerManagement().exec(BrokerManagement.queueMBean(DLQ),
                    "moveMessages(java.lang.String,java.lang.String)", List.of(selector, INBOUND));
            assertThat(moved.intValue()).isEqualTo(1);

            JsonObject processed = Fixtures.awaitStatus(inboxId, "PROCESSED");
            // A moved message is a new message to the broker: its delivery count starts again.
            assertThat(processed.getInt("attempts")).isEqualTo(1);
            List<Message> published = Waits.await("the event on webhooks.events").until(events::received, l -> !l.isEmpty());
            assertThat(published.get(0).getStringProperty("eventId")).isEqualTo("revive-1");
        }
        assertThat(QueueBrowsing.browse(Jms.asAdmin(), DLQ, selector)).as("this event's message left the DLQ").isEmpty();
        assertThat(QueueBrowsing.browse(Jms.asAdmin(), INBOUND, selector)).as("and was consumed").isEmpty();
    }

    @Test
    void aDurableSubscriberWithTheClientRoleGetsWhatWasPublishedWhileItWasAway() throws JMSException {
        String source = Fixtures.uniqueName("durable");
        String secret = Fixtures.createStandardSource(source);
        String clientId = "erp-" + source;
        String subscription = "erp-webhooks";
        String selector = "source = '" + source + "'";
        // As artemis-config/README.md says: ops grant the system's role its subscription by name first.
        TestStack.brokerManagement().grantSubscription("webhooks.events", clientId + "." + subscription, "hookbridge-client");
        try (Connection connection = Jms.asClient().createConnection()) {
            connection.setClientID(clientId);
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createDurableConsumer(session.createTopic("webhooks.events"), subscription, selector, false).close();
        }

        Reply reply = Fixtures.sendStandard(source, secret, "durable-1", Fixtures.standardBody("invoice.paid"));
        Fixtures.awaitStatus(reply.json().getString("inboxId"), "PROCESSED");

        try (Connection connection = Jms.asClient().createConnection()) {
            connection.setClientID(clientId);
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createDurableConsumer(session.createTopic("webhooks.events"), subscription, selector, false);
            connection.start();
            Message received = consumer.receive(10_000);
            assertThat(received).as("the event published while the subscriber was disconnected").isInstanceOf(TextMessage.class);
            assertThat(received.getStringProperty("eventId")).isEqualTo("durable-1");
            assertThat(received.getStringProperty("eventType")).isEqualTo("invoice.paid");
            consumer.close();
            session.unsubscribe(subscription);
        } finally {
            TestStack.brokerManagement().revokeSubscription("webhooks.events", clientId + "." + subscription);
        }
    }
}
