package dev.hookbridge.it;

import dev.hookbridge.it.support.Fixtures;
import dev.hookbridge.it.support.Jms;
import dev.hookbridge.it.support.Reply;
import dev.hookbridge.it.support.SystemTest;
import dev.hookbridge.it.support.TestStack;
import dev.hookbridge.testsupport.Waits;
import jakarta.jms.JMSException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker or the database goes away (really stopped) while webhooks arrive: the sender gets 503
 * with Retry-After, nothing is half-written, and the gateway recovers by itself once it is back.
 */
@SystemTest
class BackendOutageIT {

    @Test
    void brokerDownAnswers503AndLeavesNoInboxRow() {
        String source = Fixtures.uniqueName("nobroker");
        String secret = Fixtures.createStandardSource(source);

        TestStack.get().broker().stop();
        Reply reply;
        try {
            // The database write succeeds, the send fails: the transaction must take the row back.
            reply = Fixtures.sendStandard(source, secret, "while-broker-down", Fixtures.standardBody("a.b"));
        } finally {
            TestStack.get().broker().start();
        }
        assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
        assertThat(reply.header("Retry-After")).isPresent();
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(Fixtures.inboxEvent(source, "while-broker-down")).isEmpty();

        assertRecovers(source, secret, "after-broker-back");
    }

    @Test
    void databaseDownAnswers503AndPublishesNothing() throws JMSException {
        String source = Fixtures.uniqueName("nodb");
        String secret = Fixtures.createStandardSource(source);

        try (Jms.Subscription events = new Jms.Subscription(Jms.asAdmin(), "webhooks.events", "source = '" + source + "'")) {
            TestStack.get().postgres().stop();
            Reply reply;
            try {
                reply = Fixtures.sendStandard(source, secret, "while-db-down", Fixtures.standardBody("a.b"));
            } finally {
                TestStack.get().postgres().start();
            }
            assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
            assertThat(reply.header("Retry-After")).isPresent();
            assertThat(reply.contentType()).startsWith("application/problem+json");

            assertRecovers(source, secret, "after-db-back");
            // The event sent after recovery has been published; the one refused during the outage never was.
            Waits.await("the recovered event on webhooks.events").until(events::received, l -> !l.isEmpty());
            assertThat(events.received()).extracting(m -> m.getStringProperty("eventId")).containsExactly("after-db-back");
        }
        assertThat(Fixtures.inboxEvent(source, "while-db-down")).isEmpty();
    }

    /** The gateway reconnects by itself: a new webhook is accepted (after some 503s) and processed. */
    private static void assertRecovers(String source, String secret, String eventId) {
        Reply accepted = Waits.await("a webhook to be accepted again").atMost(Duration.ofSeconds(90))
                .until(() -> Fixtures.sendStandard(source, secret, eventId, Fixtures.standardBody("a.b")), r -> r.status() == 200);
        Fixtures.awaitStatus(accepted.json().getString("inboxId"), "PROCESSED");
    }
}
