package dev.hookbridge.faults.support;

import dev.hookbridge.stack.Credentials;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The processing effect the suite counts: messages on {@code webhooks.events}, as an outside JMS
 * system sees them through a durable subscription made before the load starts. The
 * subscription keeps every message across WildFly kills and broker restarts; it is read once, at the
 * reconciliation. Copies of one message redelivered to this reader are told apart from a second
 * publication by the JMS message id: only distinct publications count.
 */
public final class EventsTap {

    private static final String TOPIC = "webhooks.events";

    private final String subscription;
    private final String selector;

    private EventsTap(String subscription, String selector) {
        this.subscription = subscription;
        this.selector = selector;
    }

    /** Creates the durable subscription for one source's events (the consumer closes; the subscription stays). */
    public static EventsTap subscribe(String source) {
        EventsTap tap = new EventsTap("faults-" + source, "source = '" + source + "'");
        try (JMSContext context = factory().createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            context.createSharedDurableConsumer(context.createTopic(TOPIC), tap.subscription, tap.selector).close();
        }
        return tap;
    }

    /**
     * Reads the subscription until it has been quiet for {@code quiet} (bounded by {@code limit}) and
     * answers, per event id, how many distinct publications arrived.
     */
    public Map<String, Integer> drain(Duration quiet, Duration limit) {
        Map<String, Set<String>> publications = new HashMap<>();
        Instant deadline = Instant.now().plus(limit);
        try (JMSContext context = factory().createContext(JMSContext.AUTO_ACKNOWLEDGE);
             JMSConsumer consumer = context.createSharedDurableConsumer(context.createTopic(TOPIC), subscription, selector)) {
            while (Instant.now().isBefore(deadline)) {
                Message message = consumer.receive(quiet.toMillis());
                if (message == null) {
                    break;
                }
                publications.computeIfAbsent(message.getStringProperty("eventId"), k -> new HashSet<>())
                        .add(message.getJMSMessageID());
            }
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Integer> counts = new HashMap<>();
        publications.forEach((id, messages) -> counts.put(id, messages.size()));
        return counts;
    }

    /** Removes the subscription (and whatever it still holds). */
    public void unsubscribe() {
        try (JMSContext context = factory().createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            context.unsubscribe(subscription);
        }
    }

    private static ConnectionFactory factory() {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(FaultStack.activeBroker().url(),
                Credentials.BROKER_ADMIN, Credentials.BROKER_ADMIN_PASSWORD);
        factory.setReconnectAttempts(0);
        return factory;
    }
}
