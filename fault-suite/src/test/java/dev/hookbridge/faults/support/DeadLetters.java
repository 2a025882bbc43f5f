package dev.hookbridge.faults.support;

import dev.hookbridge.stack.Credentials;
import dev.hookbridge.testsupport.QueueBrowsing;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The messages waiting in {@code DLQ.webhooks.inbound} of the suite's active broker, browsed as ops browse them. */
public final class DeadLetters {

    private static final String QUEUE = "DLQ.webhooks.inbound";

    private DeadLetters() {
    }

    /** The messages that match the selector, counted by their {@code eventId} property. */
    public static Map<String, Long> byEventId(String selector) {
        Map<String, Long> counts = new TreeMap<>();
        for (Message message : browse(selector)) {
            counts.merge(eventId(message), 1L, Long::sum);
        }
        return counts;
    }

    /** How many messages match the selector. */
    public static long count(String selector) {
        return browse(selector).size();
    }

    private static List<Message> browse(String selector) {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(FaultStack.activeBroker().url(),
                Credentials.BROKER_ADMIN, Credentials.BROKER_ADMIN_PASSWORD)) {
            return QueueBrowsing.browse(factory, QUEUE, selector);
        }
    }

    private static String eventId(Message message) {
        try {
            return String.valueOf(message.getStringProperty("eventId"));
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
