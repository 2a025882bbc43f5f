package dev.hookbridge.operations;

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
import org.jboss.logging.Logger;

/**
 * Announces operational events on {@code webhooks.operations}, inside the transaction of the change
 * that causes them (MANDATORY): a change that rolls back announces nothing, and one that commits
 * announces exactly once. The string properties {@code type} and {@code endpointId} let a subscriber
 * select what it wants (e.g. {@code type = 'endpoint.failing'}).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class OperationsTopic {

    private static final Logger LOG = Logger.getLogger(OperationsTopic.class);

    @Inject
    @JMSConnectionFactory(JmsNames.CONNECTION_FACTORY)
    JMSContext jms;

    @Resource(lookup = JmsNames.OPERATIONS_TOPIC)
    Topic topic;

    public void announce(OperationalEvent event) {
        try {
            TextMessage message = jms.createTextMessage(event.toJson().toString());
            message.setStringProperty(JmsNames.PROPERTY_TYPE, event.type().wireName());
            if (event.endpointId() != null) {
                message.setStringProperty(JmsNames.PROPERTY_ENDPOINT_ID, event.endpointId());
            }
            jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(topic, message);
        } catch (JMSException e) {
            throw new IllegalStateException("could not build the operational event " + event.type().wireName(), e);
        }
        LOG.infof("Operational event %s%s", event.type().wireName(),
                event.endpointId() == null ? "" : " endpointId=" + event.endpointId());
    }
}
