package dev.hookbridge.outbox;

import dev.hookbridge.json.JsonProcessing;
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
import jakarta.json.JsonObjectBuilder;

/** Announces a delivery that exhausted its retries on {@code webhooks.outbound.dead}, in the transaction that marks it DEAD. */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class DeadDeliveryTopic {

    @Inject
    @JMSConnectionFactory(JmsNames.CONNECTION_FACTORY)
    JMSContext jms;

    @Resource(lookup = JmsNames.OUTBOUND_DEAD_TOPIC)
    Topic topic;

    /** The delivery as the API shows it, after {@code attempts} attempts of which {@code last} was the last. */
    public void announce(ClaimedDelivery delivery, int attempts, AttemptResult last) {
        String endpointId = delivery.target().endpointId();
        JsonObjectBuilder json = JsonProcessing.PROVIDER.createObjectBuilder()
                .add("id", Long.toString(delivery.deliveryId()))
                .add("eventId", delivery.eventId())
                .add("eventType", delivery.eventType())
                .add("endpointId", endpointId)
                .add("status", "DEAD")
                .add("attemptCount", attempts);
        if (last.statusCode() != null) {
            json.add("lastStatusCode", last.statusCode());
        } else {
            json.addNull("lastStatusCode");
        }
        json.add("lastError", last.lastError());
        try {
            TextMessage message = jms.createTextMessage(json.build().toString());
            message.setStringProperty(JmsNames.PROPERTY_DELIVERY_ID, Long.toString(delivery.deliveryId()));
            message.setStringProperty(JmsNames.PROPERTY_EVENT_ID, delivery.eventId());
            message.setStringProperty(JmsNames.PROPERTY_EVENT_TYPE, delivery.eventType());
            message.setStringProperty(JmsNames.PROPERTY_ENDPOINT_ID, endpointId);
            if (last.statusCode() != null) {
                message.setIntProperty(JmsNames.PROPERTY_LAST_STATUS_CODE, last.statusCode());
            }
            jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(topic, message);
        } catch (JMSException e) {
            throw new IllegalStateException("could not build the dead-delivery message for delivery " + delivery.deliveryId(), e);
        }
    }
}
