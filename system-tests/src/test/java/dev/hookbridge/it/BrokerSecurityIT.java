package dev.hookbridge.it;

import dev.hookbridge.it.support.Jms;
import dev.hookbridge.it.support.SystemTest;
import dev.hookbridge.it.support.TestStack;
import dev.hookbridge.stack.Credentials;
import dev.hookbridge.testsupport.BrokerManagement;
import dev.hookbridge.testsupport.ManagementMessages;
import dev.hookbridge.testsupport.ManagementMessages.Answer;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The roles of artemis-config/broker.xml, tried with real connections to the test broker: the
 * application may call exactly the management operations it uses, and an outside JMS system only
 * the subscriptions ops granted it by name (artemis-config/README.md, "Add a subscribing system").
 */
@SystemTest
class BrokerSecurityIT {

    private static final String EVENTS = "webhooks.events";
    private static final String DLQ = "queue.DLQ.webhooks.inbound";

    @Test
    void theApplicationMayCallOnlyTheManagementOperationsItUses() {
        ManagementMessages app = ManagementMessages.as(TestStack.get().broker(), Credentials.BROKER_APP, Credentials.BROKER_APP_PASSWORD);
        String nothing = "inboxId = 'no-such-" + UUID.randomUUID() + "'";

        // What the application calls: the delivery limit, the DLQ's depth, moving dead messages back.
        Answer limit = app.invoke("broker", "getAddressSettingsAsJSON", "webhooks.inbound");
        assertThat(limit.succeeded()).as(limit.text()).isTrue();
        assertThat(limit.text()).contains("maxDeliveryAttempts");
        assertThat(app.attribute(DLQ, "messageCount").succeeded()).isTrue();
        Answer moved = app.invoke(DLQ, "moveMessages", nothing, "webhooks.inbound");
        assertThat(moved.succeeded()).as(moved.text()).isTrue();

        // Anything else is refused, reads included (each of these would do nothing if it ran).
        assertThat(app.attribute("queue.webhooks.inbound", "messageCount").succeeded()).isFalse();
        assertThat(app.invoke("broker", "getConnectorsAsJSON").succeeded()).isFalse();
        Answer remove = app.invoke(DLQ, "removeMessages", nothing);
        assertThat(remove.succeeded()).isFalse();
        assertThat(remove.text()).contains("does not have permission");
        assertThat(app.invoke("queue.DLQ.webhooks.outbound", "moveMessages", nothing, "webhooks.outbound")
                .succeeded()).isFalse();

        // The administrator still may.
        ManagementMessages admin = ManagementMessages.as(TestStack.get().broker(), Credentials.BROKER_ADMIN, Credentials.BROKER_ADMIN_PASSWORD);
        assertThat(admin.attribute("queue.webhooks.inbound", "messageCount").succeeded()).isTrue();
    }

    @Test
    void anOutsideSystemUsesOnlyTheSubscriptionsGrantedToItsRole() throws JMSException {
        String clientId = "erp-" + UUID.randomUUID().toString().substring(0, 8);
        String queue = clientId + ".webhooks";
        try (Connection connection = Jms.asClient().createConnection()) {
            connection.setClientID(clientId);
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            // Not granted yet: no durable subscription, no live one, nothing on the inbound queue.
            assertThatThrownBy(() -> session.createDurableConsumer(session.createTopic(EVENTS), "webhooks"))
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> session.createConsumer(session.createTopic(EVENTS)))
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> session.createConsumer(session.createQueue("webhooks.inbound")))
                    .isInstanceOf(JMSSecurityException.class);
        }

        TestStack.brokerManagement().grantSubscription(EVENTS, queue, "hookbridge-client");
        String othersQueue = "other-" + UUID.randomUUID().toString().substring(0, 8) + ".webhooks";
        // The administrator made this one for another system, so the grant names both roles.
        TestStack.brokerManagement().grantSubscription(EVENTS, othersQueue, "another-system,amq");
        try {
            try (Connection connection = Jms.asClient().createConnection()) {
                connection.setClientID(clientId);
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                session.createDurableConsumer(session.createTopic(EVENTS), "webhooks").close();
                assertThat(TestStack.brokerManagement().read(BrokerManagement.subscriptionMBean(EVENTS, queue), "Durable").toString())
                        .isEqualTo("true");
                session.unsubscribe("webhooks");
            }
            // Another system's subscription, made by ops for it, cannot be read by its fully qualified name.
            try (Connection admin = Jms.asAdmin().createConnection()) {
                admin.setClientID(othersQueue.substring(0, othersQueue.indexOf('.')));
                Session session = admin.createSession(false, Session.AUTO_ACKNOWLEDGE);
                session.createDurableConsumer(session.createTopic(EVENTS), "webhooks").close();
                try (Connection connection = Jms.asClient().createConnection()) {
                    Session client = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    assertThatThrownBy(() -> client.createConsumer(client.createQueue(EVENTS + "::" + othersQueue)))
                            .isInstanceOf(JMSSecurityException.class);
                    assertThatThrownBy(() -> client.createConsumer(client.createTopic(EVENTS + "::" + othersQueue)))
                            .isInstanceOf(JMSSecurityException.class);
                }
                session.unsubscribe("webhooks");
            }
        } finally {
            TestStack.brokerManagement().revokeSubscription(EVENTS, queue);
            TestStack.brokerManagement().revokeSubscription(EVENTS, othersQueue);
        }
    }
}
