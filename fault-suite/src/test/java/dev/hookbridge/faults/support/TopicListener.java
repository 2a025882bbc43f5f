package dev.hookbridge.faults.support;

import dev.hookbridge.stack.Credentials;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A live subscription (as the broker administrator, as ops watch) to a topic that collects one string property of every message until closed. */
public final class TopicListener implements AutoCloseable {

    private final JMSContext context;
    private final List<String> values = new CopyOnWriteArrayList<>();

    public TopicListener(String topic, String selector, String property) {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(FaultStack.activeBroker().url(),
                Credentials.BROKER_ADMIN, Credentials.BROKER_ADMIN_PASSWORD);
        context = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
        JMSConsumer consumer = context.createConsumer(context.createTopic(topic), selector);
        consumer.setMessageListener(message -> {
            try {
                values.add(message.getStringProperty(property));
            } catch (JMSException e) {
                values.add("unreadable: " + e);
            }
        });
        context.start();
    }

    public List<String> values() {
        return List.copyOf(values);
    }

    @Override
    public void close() {
        context.close();
    }
}
