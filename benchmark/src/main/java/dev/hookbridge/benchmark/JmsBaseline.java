package dev.hookbridge.benchmark;

import dev.hookbridge.stack.Credentials;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Baseline 3: the inbound path's message (no body, four string properties) sent persistent in a
 * transacted session and committed, one connection per client, to a queue of the benchmark's own on
 * the same broker, as the user WildFly connects as.
 */
final class JmsBaseline implements AutoCloseable {

    static final String QUEUE = "benchmark.baseline";

    private record Producer(Session session, MessageProducer producer) {
    }

    private final ActiveMQConnectionFactory factory;
    private final String prefix;
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Producer> producers = new ThreadLocal<>();

    JmsBaseline(String brokerUrl, String prefix) {
        this.factory = new ActiveMQConnectionFactory(brokerUrl, Credentials.BROKER_APP, Credentials.BROKER_APP_PASSWORD);
        this.prefix = prefix;
    }

    boolean send(long sequence) throws JMSException {
        Producer producer = producers.get();
        if (producer == null) {
            Connection connection = factory.createConnection();
            connections.add(connection);
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer messageProducer = session.createProducer(session.createQueue(QUEUE));
            messageProducer.setDeliveryMode(DeliveryMode.PERSISTENT);
            producer = new Producer(session, messageProducer);
            producers.set(producer);
        }
        Message message = producer.session().createMessage();
        message.setStringProperty("inboxId", Long.toString(sequence));
        message.setStringProperty("source", "jms-baseline");
        message.setStringProperty("eventId", prefix + "-" + sequence);
        message.setStringProperty("eventType", "bench.jms");
        producer.producer().send(message);
        producer.session().commit();
        return true;
    }

    @Override
    public void close() {
        for (Connection connection : connections) {
            try {
                connection.close();
            } catch (JMSException e) {
                // Closing after the measurement; nothing depends on it.
            }
        }
        factory.close();
    }

    /**
     * (Re)makes the benchmark's durable queue, empty, as the broker administrator (the application's
     * user may not create durable queues). Made by hand, so the broker never deletes it on its own.
     */
    static void resetQueue(String brokerUrl) {
        try (ServerLocator locator = ActiveMQClient.createServerLocator(brokerUrl);
             ClientSessionFactory sessions = locator.createSessionFactory();
             ClientSession session = sessions.createSession(Credentials.BROKER_ADMIN, Credentials.BROKER_ADMIN_PASSWORD,
                     false, true, true, false, 0)) {
            if (session.queueQuery(SimpleString.of(QUEUE)).isExists()) {
                session.deleteQueue(QUEUE);
            }
            session.createQueue(QueueConfiguration.of(QUEUE).setAddress(QUEUE).setRoutingType(RoutingType.ANYCAST)
                    .setDurable(true).setAutoDelete(false));
        } catch (Exception e) {
            throw new IllegalStateException("could not make queue " + QUEUE + ": " + e.getMessage(), e);
        }
    }
}
