package dev.hookbridge.outbox;

import dev.hookbridge.messaging.JmsNames;
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

/** Announces a delivery that exhausted its retries on {@code webhooks.outbound.dead}, in the transaction that marks it DEAD. */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class DeadDeliveryTopic {

    @Inject
    @JMSConnectionFactory(JmsNames.CONNECTION_FACTORY)
    JMSContext jms;

    @Resource(lookup = JmsNames.OUTBOUND_DEAD_TOPIC)
    Topic topic;

    public void announce(long deliveryId, String eventId, String eventType, String endpointId, Integer lastStatusCode,
                         String deliveryJson) {
        try {
            TextMessage message = jms.createTextMessage(deliveryJson);
            message.setStringProperty(JmsNames.PROPERTY_DELIVERY_ID, Long.toString(deliveryId));
            message.setStringProperty(JmsNames.PROPERTY_EVENT_ID, eventId);
            message.setStringProperty(JmsNames.PROPERTY_EVENT_TYPE, eventType);
            message.setStringProperty(JmsNames.PROPERTY_ENDPOINT_ID, endpointId);
            if (lastStatusCode != null) {
                message.setIntProperty(JmsNames.PROPERTY_LAST_STATUS_CODE, lastStatusCode);
            }
            jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(topic, message);
        } catch (JMSException e) {
            throw new IllegalStateException("could not build the dead-delivery message for delivery " + deliveryId, e);
        }
    }
}
