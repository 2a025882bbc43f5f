package dev.hookbridge.faults.support;

import dev.hookbridge.stack.Credentials;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import java.util.Enumeration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The messages waiting in {@code DLQ.webhooks.inbound}, browsed (not consumed) as the broker
 * administrator browses them in the console. A JMS queue browser sees every message; the management
 * API's listMessages stops at the broker's browse page size.
 */
public final class DeadLetters {

    private static final String QUEUE = "DLQ.webhooks.inbound";

    private DeadLetters() {
    }

    /** The messages that match the selector, counted by their {@code eventId} property. */
    public static Map<String, Long> byEventId(String selector) {
        Map<String, Long> counts = new TreeMap<>();
        browse(selector, message -> counts.merge(String.valueOf(message.getStringProperty("eventId")), 1L, Long::sum));
        return counts;
    }

    /** How many messages match the selector. */
    public static long count(String selector) {
        long[] count = {0};
        browse(selector, message -> count[0]++);
        return count[0];
    }

    private interface MessageHandler {
        void handle(Message message) throws JMSException;
    }

    private static void browse(String selector, MessageHandler handler) {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(FaultStack.activeBroker().url(),
                Credentials.BROKER_ADMIN, Credentials.BROKER_ADMIN_PASSWORD);
        try (factory; JMSContext context = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
             QueueBrowser browser = context.createBrowser(context.createQueue(QUEUE), selector)) {
            Enumeration<?> messages = browser.getEnumeration();
            while (messages.hasMoreElements()) {
                handler.handle((Message) messages.nextElement());
            }
        } catch (JMSException e) {
            throw new IllegalStateException("browsing " + QUEUE + " (" + selector + "): " + e.getMessage(), e);
        }
    }
}
