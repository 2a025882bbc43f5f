package dev.hookbridge.it.support;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * JMS as an outside system sees the test broker: the client role (what existing JMS systems get) and
 * the admin role (what ops get in the console).
 */
public final class Jms {

    private Jms() {
    }

    public static ConnectionFactory asClient() {
        return factory("client", "client");
    }

    public static ConnectionFactory asAdmin() {
        return factory("admin", "admin");
    }

    private static ConnectionFactory factory(String user, String password) {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(TestStack.get().broker().url(), user, password);
        factory.setReconnectAttempts(0);
        return factory;
    }

    /** A live subscription to a topic that collects every message until closed. */
    public static final class Subscription implements AutoCloseable {
        private final Connection connection;
        private final List<Message> received = Collections.synchronizedList(new ArrayList<>());

        public Subscription(ConnectionFactory factory, String topic, String selector) throws JMSException {
            connection = factory.createConnection();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createTopic(topic), selector);
            consumer.setMessageListener(received::add);
            connection.start();
        }

        public List<Message> received() {
            synchronized (received) {
                return List.copyOf(received);
            }
        }

        @Override
        public void close() throws JMSException {
            connection.close();
        }
    }

    /** Sends a TextMessage with string properties to a queue, as an outside producer does. */
    public static void send(ConnectionFactory factory, String queue, String text, Map<String, String> properties) {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TextMessage message = session.createTextMessage(text);
            for (Map.Entry<String, String> property : properties.entrySet()) {
                message.setStringProperty(property.getKey(), property.getValue());
            }
            session.createProducer(session.createQueue(queue)).send(message);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A string property of a received message. */
    public static String property(Message message, String name) {
        try {
            return message.getStringProperty(name);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
