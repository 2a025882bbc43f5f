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
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import java.nio.charset.StandardCharsets;

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

    public void publish(long inboxId, String source, String eventId, String eventType, byte[] rawBody) {
        try {
            TextMessage message = jms.createTextMessage(new String(rawBody, StandardCharsets.UTF_8));
            message.setStringProperty(JmsNames.PROPERTY_INBOX_ID, Long.toString(inboxId));
            message.setStringProperty(JmsNames.PROPERTY_SOURCE, source);
            message.setStringProperty(JmsNames.PROPERTY_EVENT_ID, eventId);
            message.setStringProperty(JmsNames.PROPERTY_EVENT_TYPE, eventType);
            jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(topic, message);
        } catch (JMSException e) {
            throw new IllegalStateException("could not build the events message for inbox event " + inboxId, e);
        }
    }
}
