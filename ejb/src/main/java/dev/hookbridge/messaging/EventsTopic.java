package dev.hookbridge.messaging;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Publishes processed inbound events on the topic {@code webhooks.events} for existing JMS systems,
 * inside the processing transaction (MANDATORY), so a rolled-back processing publishes nothing.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class EventsTopic {

    @Inject
    @JMSConnectionFactory(JmsNames.CONNECTION_FACTORY)
    JMSContext jms;

    @Resource(lookup = JmsNames.EVENTS_TOPIC)
    Topic topic;

    /**
     * One message per event, in the given order. A group's events are published in one call, so the
     * container's per-call work is paid once per group rather than once per event.
     */
    public void publish(List<PublishedEvent> events) {
        JMSProducer producer = jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
        for (PublishedEvent event : events) {
            try {
                TextMessage message = jms.createTextMessage(new String(event.rawBody(), StandardCharsets.UTF_8));
                message.setStringProperty(JmsNames.PROPERTY_INBOX_ID, Long.toString(event.inboxId()));
                message.setStringProperty(JmsNames.PROPERTY_SOURCE, event.source());
                message.setStringProperty(JmsNames.PROPERTY_EVENT_ID, event.eventId());
                message.setStringProperty(JmsNames.PROPERTY_EVENT_TYPE, event.eventType());
                producer.send(topic, message);
            } catch (JMSException e) {
                throw new IllegalStateException("could not build the events message for inbox event " + event.inboxId(), e);
            }
        }
    }
}
