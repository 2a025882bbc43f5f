package dev.hookbridge.it;

import dev.hookbridge.it.support.Fixtures;
import dev.hookbridge.it.support.Jms;
import dev.hookbridge.it.support.Reply;
import dev.hookbridge.it.support.SystemTest;
import dev.hookbridge.testsupport.Waits;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An accepted webhook is stored, answered 200 after commit, processed and published to webhooks.events. */
@SystemTest
class InboundWebhookIT {

    @Test
    void acceptedWebhookIsProcessedAndPublishedToExistingJmsSystems() throws JMSException {
        String source = Fixtures.uniqueName("accept");
        String secret = Fixtures.createStandardSource(source);
        String body = Fixtures.standardBody("order.created");

        try (Jms.Subscription events = new Jms.Subscription(Jms.asAdmin(), "webhooks.events", "source = '" + source + "'")) {
            Reply reply = Fixtures.sendStandard(source, secret, "msg_1", body);

            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            JsonObject answer = reply.json();
            assertThat(answer.getString("eventId")).isEqualTo("msg_1");
            assertThat(answer.getBoolean("duplicate")).isFalse();

            JsonObject processed = Fixtures.awaitStatus(answer.getString("inboxId"), "PROCESSED");
            assertThat(processed.getString("eventType")).isEqualTo("order.created");
            assertThat(processed.getString("body")).isEqualTo(body);
            assertThat(processed.getJsonObject("headers").getJsonArray("webhook-id").getString(0)).isEqualTo("msg_1");
            assertThat(processed.getInt("attempts")).isEqualTo(1);

            List<Message> published = Waits.await("the event on webhooks.events").until(events::received, l -> !l.isEmpty());
            TextMessage message = (TextMessage) published.get(0);
            assertThat(message.getText()).isEqualTo(body);
            assertThat(message.getStringProperty("eventId")).isEqualTo("msg_1");
            assertThat(message.getStringProperty("eventType")).isEqualTo("order.created");
            assertThat(message.getStringProperty("inboxId")).isEqualTo(answer.getString("inboxId"));
        }
    }
}
