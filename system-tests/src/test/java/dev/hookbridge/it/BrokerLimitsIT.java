package dev.hookbridge.it;

import dev.hookbridge.it.support.Fixtures;
import dev.hookbridge.it.support.Jms;
import dev.hookbridge.it.support.Reply;
import dev.hookbridge.it.support.SystemTest;
import dev.hookbridge.it.support.TestStack;
import dev.hookbridge.testsupport.BrokerManagement;
import dev.hookbridge.testsupport.Waits;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.json.JsonNumber;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A subscriber of {@code webhooks.events} that never reads cannot stop the gateway: the topic's
 * limits of broker.xml (in memory, then paged to disk up to a limit, then dropped) keep the
 * gateway's own sends from ever blocking. The test broker runs with small limits
 * ({@link TestStack#TOPIC_MEMORY_LIMIT}, {@link TestStack#TOPIC_PAGE_LIMIT}), the policy is the shipped one.
 */
@SystemTest
class BrokerLimitsIT {

    private static final String EVENTS = "webhooks.events";
    private static final int FLOOD = 50_000;
    private static final int BATCH = 1_000;
    private static final String ADDRESS_MBEAN = BrokerManagement.addressMBean(EVENTS);

    @Test
    void aDurableSubscriberThatNeverReadsLeavesIntakeAndProcessingRunning() throws JMSException {
        String clientId = Fixtures.uniqueName("stuck");
        String queue = clientId + ".webhooks";
        TestStack.brokerManagement().grantSubscription(EVENTS, queue, "hookbridge-client");
        try {
            try (Connection connection = Jms.asClient().createConnection()) {
                connection.setClientID(clientId);
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                session.createDurableConsumer(session.createTopic(EVENTS), "webhooks").close();
            }

            // 50,000 events of 1 KiB on the topic, far past its limits; published by the administrator,
            // standing in for the gateway at full speed (the gateway's own publications follow below).
            publishToEvents(FLOOD);
            assertThat(TestStack.brokerManagement().read(ADDRESS_MBEAN, "Paging").toString()).as("the topic pages to disk").isEqualTo("true");
            long held = subscriptionDepth(queue);
            assertThat(held).as("what the stuck subscription holds after %d events", FLOOD).isPositive().isLessThan(FLOOD);

            // The gateway meanwhile: webhooks accepted, processed, and published without blocking.
            String source = Fixtures.uniqueName("limits");
            String secret = Fixtures.createStandardSource(source);
            List<String> inboxIds = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Reply reply = Fixtures.sendStandard(source, secret, "limits-" + i, Fixtures.standardBody("limits.test"));
                assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
                inboxIds.add(reply.json().getString("inboxId"));
            }
            inboxIds.forEach(id -> Fixtures.awaitStatus(id, "PROCESSED"));
            assertThat(subscriptionDepth(queue)).as("the full topic took nothing more").isEqualTo(held);
        } finally {
            try (Connection connection = Jms.asClient().createConnection()) {
                connection.setClientID(clientId);
                connection.createSession(false, Session.AUTO_ACKNOWLEDGE).unsubscribe("webhooks");
            }
            TestStack.brokerManagement().revokeSubscription(EVENTS, queue);
        }
        // Removing the subscription frees the topic for the tests after this one.
        Waits.await("webhooks.events to stop paging").until(() -> TestStack.brokerManagement().read(ADDRESS_MBEAN, "Paging").toString(),
                paging -> paging.equals("false"));
    }

    private static long subscriptionDepth(String queue) {
        return ((JsonNumber) TestStack.brokerManagement().read(BrokerManagement.subscriptionMBean(EVENTS, queue), "MessageCount")).longValue();
    }

    private static void publishToEvents(int count) throws JMSException {
        String body = "{\"type\":\"limits.flood\",\"data\":\"" + "x".repeat(1000) + "\"}";
        try (Connection connection = Jms.asAdmin().createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(session.createTopic(EVENTS));
            for (int i = 1; i <= count; i++) {
                producer.send(session.createTextMessage(body));
                if (i % BATCH == 0) {
                    session.commit();
                }
            }
            session.commit();
        }
    }
}
