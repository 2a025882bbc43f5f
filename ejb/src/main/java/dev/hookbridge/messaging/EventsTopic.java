package dev.hookbridge.messaging;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
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
     * One message per event, in the given order. A group's events are published in one call through
     * one producer whose properties are set per message: each call on the injected context goes
     * through the container's proxy, so it is asked for a producer once rather than for every message.
     */
    public void publish(List<PublishedEvent> events) {
        JMSProducer producer = jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
        for (PublishedEvent event : events) {
            producer.setProperty(JmsNames.PROPERTY_INBOX_ID, Long.toString(event.inboxId()))
                    .setProperty(JmsNames.PROPERTY_SOURCE, event.source())
                    .setProperty(JmsNames.PROPERTY_EVENT_ID, event.eventId())
                    .setProperty(JmsNames.PROPERTY_EVENT_TYPE, event.eventType())
                    .setProperty(JmsNames.PROPERTY_TRACEPARENT, event.traceparent())
                    .send(topic, new String(event.rawBody(), StandardCharsets.UTF_8));
        }
    }
}
